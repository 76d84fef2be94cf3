#include "core/cost/pricetable.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <cmath>

namespace {
// A price table is a few kilobytes; anything near this is not one, and is refused before it is parsed.
constexpr qint64 kMaxUserFileBytes = qint64(4) << 20;

const QLatin1String kShippedPath(":/batchwatch/prices.json");

// The line and column of a byte offset, for a parse error a person can find in an editor.
QString position(const QByteArray &json, int offset)
{
    const QByteArray before = json.left(offset);
    const int line = int(before.count('\n')) + 1;
    const int column = int(before.size() - (before.lastIndexOf('\n') + 1)) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

// One price: a finite number, zero or more.
bool readPrice(const QJsonObject &entry, QLatin1String name, const QString &where, double *target,
               QString *error)
{
    const QJsonValue value = entry.value(name);
    if (!value.isDouble()) {
        *error = QStringLiteral("%1.%2: %3")
                     .arg(where, name,
                          value.isUndefined() ? QStringLiteral("missing") : QStringLiteral("not a number"));
        return false;
    }
    const double price = value.toDouble();
    if (!std::isfinite(price) || price < 0) {
        *error = QStringLiteral("%1.%2: %3 is not a price (a number of zero or more)")
                     .arg(where, name, QString::number(price));
        return false;
    }
    *target = price;
    return true;
}

// A "models" object into `target`; false with `error` saying where at the first entry that is not a price.
bool readModels(const QJsonValue &value, const QString &where, QHash<QString, ModelPrice> *target,
                QString *error)
{
    if (value.isUndefined())
        return true;
    if (!value.isObject()) {
        *error = QStringLiteral("%1: not an object of models").arg(where);
        return false;
    }
    const QJsonObject models = value.toObject();
    for (auto it = models.constBegin(); it != models.constEnd(); ++it) {
        const QString name = it.key().trimmed().toLower();
        const QString entryWhere = QStringLiteral("%1.\"%2\"").arg(where, it.key());
        if (name.isEmpty()) {
            *error = QStringLiteral("%1: a model needs a name").arg(where);
            return false;
        }
        if (!it.value().isObject()) {
            *error = QStringLiteral("%1: not an object with input, cached_input and output").arg(entryWhere);
            return false;
        }
        const QJsonObject entry = it.value().toObject();
        ModelPrice price;
        if (!readPrice(entry, QLatin1String("input"), entryWhere, &price.input, error) ||
            !readPrice(entry, QLatin1String("output"), entryWhere, &price.output, error))
            return false;
        price.cachedInput = price.input;
        if (entry.contains(QLatin1String("cached_input")) &&
            !readPrice(entry, QLatin1String("cached_input"), entryWhere, &price.cachedInput, error))
            return false;
        target->insert(name, price);
    }
    return true;
}

// What may follow a listed name for it to still name that model: a snapshot's date or version
// ("-2024-07-18", "-20250514", "-0613", "-001", "-latest", "-v1:0") or Vertex's "@20240620". Anything else
// ("-mini", "-pro", "-audio-preview", ".1") is another model with prices of its own, never priced as this
// one.
bool isSnapshotSuffix(QStringView rest)
{
    if (rest.size() > 1 && rest.front() == u'@')
        return true;
    if (rest.size() < 2 || rest.front() != u'-')
        return false;
    rest = rest.mid(1);
    if (rest == QLatin1String("latest"))
        return true;
    if (rest.front() == u'v') {
        rest = rest.mid(1);
        if (rest.isEmpty() || !rest.front().isDigit())
            return false;
    }
    for (const QChar c : rest) {
        if (!c.isDigit() && c != u'-' && c != u':' && c != u'.')
            return false;
    }
    return rest.front().isDigit();
}

std::optional<ModelPrice> lookup(const QHash<QString, ModelPrice> &models, const QString &model)
{
    if (models.isEmpty())
        return std::nullopt;
    const auto exact = models.constFind(model);
    if (exact != models.constEnd())
        return *exact;
    // The longest listed prefix followed by a snapshot's suffix ("gpt-4o-mini-2024-07-18" -> "gpt-4o-mini").
    for (qsizetype length = model.size() - 1; length > 0; --length) {
        const QChar next = model.at(length);
        if ((next != u'-' && next != u'@') || !isSnapshotSuffix(QStringView(model).mid(length)))
            continue;
        const auto prefix = models.constFind(model.left(length));
        if (prefix != models.constEnd())
            return *prefix;
    }
    return std::nullopt;
}
} // namespace

PriceTable PriceTable::shipped()
{
    // Parsed once; the resource is part of the binary, so it cannot change while running.
    static const PriceTable table = [] {
        PriceTable parsed;
        QFile file(kShippedPath);
        QString error;
        const bool read = file.open(QIODevice::ReadOnly) && parsed.merge(file.readAll(), &error);
        Q_ASSERT_X(read, "PriceTable::shipped", qPrintable(error));
        if (!read)
            qWarning("the shipped price table cannot be read: %s", qPrintable(error));
        return parsed;
    }();
    return table;
}

QString PriceTable::userFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/batchwatch/prices.json");
}

PriceTable PriceTable::load(QString *warning)
{
    PriceTable table = shipped();
    const QString path = userFilePath();
    QFile file(path);
    if (!file.exists())
        return table;
    QString why;
    if (!file.open(QIODevice::ReadOnly)) {
        why = file.errorString();
    } else if (file.size() > kMaxUserFileBytes) {
        why = QStringLiteral("larger than %1 MB").arg(kMaxUserFileBytes >> 20);
    } else {
        // Read no more than the cap even if the file grows (or is not a regular file) meanwhile.
        const QByteArray json = file.read(kMaxUserFileBytes + 1);
        if (json.size() > kMaxUserFileBytes)
            why = QStringLiteral("larger than %1 MB").arg(kMaxUserFileBytes >> 20);
        else if (!table.merge(json, &why) && why.isEmpty())
            why = QStringLiteral("not a price table");
    }
    if (!why.isEmpty()) {
        const QString message =
            QStringLiteral("skipped the price file %1 (%2); using the shipped prices").arg(path, why);
        if (warning)
            *warning = message;
        else
            qWarning("%s", qPrintable(message));
    }
    return table;
}

bool PriceTable::merge(const QByteArray &json, QString *error)
{
    QString ignored;
    QString &why = error ? *error : ignored;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        why = QStringLiteral("%1: %2").arg(position(json, parseError.offset), parseError.errorString());
        return false;
    }
    if (!document.isObject()) {
        why = QStringLiteral("not a JSON object");
        return false;
    }
    const QJsonObject root = document.object();
    for (const QLatin1String name : {QLatin1String("updated"), QLatin1String("currency")}) {
        if (root.contains(name) && !root.value(name).isString()) {
            why = QStringLiteral("%1: not a string").arg(name);
            return false;
        }
    }
    // Everything is read into copies first, so a table that fails half way leaves this one as it was.
    QHash<QString, ModelPrice> common = m_common;
    if (!readModels(root.value(QLatin1String("models")), QStringLiteral("models"), &common, &why))
        return false;
    QHash<Provider, QHash<QString, ModelPrice>> byProvider = m_byProvider;
    const QJsonValue providers = root.value(QLatin1String("providers"));
    if (!providers.isUndefined() && !providers.isObject()) {
        why = QStringLiteral("providers: not an object of providers");
        return false;
    }
    const QJsonObject providerObject = providers.toObject();
    for (auto it = providerObject.constBegin(); it != providerObject.constEnd(); ++it) {
        const QString where = QStringLiteral("providers.%1").arg(it.key());
        const std::optional<Provider> provider = Providers::fromId(it.key());
        if (!provider) {
            why = QStringLiteral("%1: not a provider Batchwatch knows (openai, azure, anthropic, gemini)")
                      .arg(where);
            return false;
        }
        if (!it.value().isObject()) {
            why = QStringLiteral("%1: not an object with \"models\"").arg(where);
            return false;
        }
        if (!readModels(it.value().toObject().value(QLatin1String("models")),
                        where + QStringLiteral(".models"), &byProvider[*provider], &why))
            return false;
    }
    m_common = std::move(common);
    m_byProvider = std::move(byProvider);
    if (root.contains(QLatin1String("updated")))
        m_updated = root.value(QLatin1String("updated")).toString();
    if (root.contains(QLatin1String("currency")))
        m_currency = root.value(QLatin1String("currency")).toString();
    return true;
}

std::optional<ModelPrice> PriceTable::price(Provider provider, const QString &model) const
{
    const QString name = model.trimmed().toLower();
    if (name.isEmpty())
        return std::nullopt;
    const auto own = m_byProvider.constFind(provider);
    if (own != m_byProvider.constEnd()) {
        if (const std::optional<ModelPrice> found = lookup(*own, name))
            return found;
    }
    return lookup(m_common, name);
}

bool PriceTable::isEmpty() const
{
    if (!m_common.isEmpty())
        return false;
    for (const auto &models : m_byProvider) {
        if (!models.isEmpty())
            return false;
    }
    return true;
}
