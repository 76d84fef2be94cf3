#include "core/json/jsondocument.h"

namespace {
// Bodies above this size are parsed by a parser of their own, freed with the document.
constexpr qsizetype reusableCapacity = 8 * 1024 * 1024;
} // namespace

JsonDocument::JsonDocument(const QByteArray &body)
{
    if (body.trimmed().isEmpty()) {
        m_error = QStringLiteral("the response body is empty");
        return;
    }
    thread_local simdjson::dom::parser shared;
    simdjson::dom::parser *parser = &shared;
    if (body.size() > reusableCapacity) {
        m_own = std::make_unique<simdjson::dom::parser>();
        parser = m_own.get();
    }
    // realloc_if_needed copies the body into a padded buffer: QByteArray promises no padding.
    const simdjson::error_code code =
        parser->parse(body.constData(), static_cast<size_t>(body.size()), true).get(m_root);
    if (code != simdjson::SUCCESS)
        m_error = QStringLiteral("the response is not valid JSON (%1; %2 bytes)")
                      .arg(QString::fromUtf8(simdjson::error_message(code)))
                      .arg(body.size());
}

JsonDocument::~JsonDocument() = default;

QByteArray JsonDocument::compact(const simdjson::dom::element &value)
{
    thread_local simdjson::internal::string_builder<> builder;
    builder.clear();
    builder.append(value);
    const std::string_view text = builder.str();
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

QByteArray JsonDocument::compact(const JsonSlicer::Slice &slice)
{
    if (slice.compact)
        return QByteArray(slice.text.data(), static_cast<qsizetype>(slice.text.size()));
    QByteArray out(static_cast<qsizetype>(slice.text.size()), Qt::Uninitialized);
    size_t length = 0;
    if (simdjson::minify(slice.text.data(), slice.text.size(), out.data(), length) != simdjson::SUCCESS)
        return QByteArray(slice.text.data(), static_cast<qsizetype>(slice.text.size()));
    out.truncate(static_cast<qsizetype>(length));
    return out;
}

QString JsonDocument::objectError() const
{
    if (!ok())
        return m_error;
    if (m_root.is_object())
        return {};
    return QStringLiteral("the response is a JSON %1, expected an object")
        .arg(m_root.is_array() ? QStringLiteral("array") : QStringLiteral("value"));
}
