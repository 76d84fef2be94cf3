#include "core/json/batchparser.h"

#include "core/json/batchobjectreader.h"
#include "core/json/jsondocument.h"

#include <QJsonDocument>

using BatchObjectReader::member;
using BatchObjectReader::textOf;
using BatchObjectReader::typeName;
using simdjson::dom::element;

namespace BatchParser {

QJsonObject parseObject(const QByteArray &body, QString *error)
{
    JsonDocument document(body);
    *error = document.objectError();
    if (!error->isEmpty())
        return {};
    // The few callers of this general form read small bodies (errors, files); Qt's DOM suits them.
    return QJsonDocument::fromJson(body).object();
}

Parsed<Batch> parseBatch(const QJsonObject &object)
{
    return parseBatch(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Parsed<Batch> parseBatch(const QByteArray &body)
{
    JsonDocument document(body);
    if (QString why = document.objectError(); !why.isEmpty())
        return {Batch(), why, {}};
    const JsonSlicer::Slice source =
        JsonSlicer::whole(std::string_view(body.constData(), size_t(body.size())));
    return BatchObjectReader::read(document.root(), &source);
}

Parsed<BatchPage> parseListPage(const QByteArray &body)
{
    Parsed<BatchPage> result;
    JsonDocument document(body);
    result.error = document.objectError();
    if (!result.ok())
        return result;
    const element root = document.root();

    const std::optional<element> data = member(root, "data");
    if (!data || !data->is_array()) {
        result.error =
            QStringLiteral("the list response's 'data' is %1, expected an array").arg(typeName(data));
        return result;
    }
    const std::optional<element> hasMore = member(root, "has_more");
    if (!hasMore || !hasMore->is_bool()) {
        result.error = QStringLiteral("the list response's 'has_more' is %1, expected true or false")
                           .arg(typeName(hasMore));
        return result;
    }
    const std::optional<element> kind = member(root, "object");
    if (kind && kind->is_string() && textOf(*kind) != QLatin1String("list"))
        result.warnings.append(
            QStringLiteral("the list response's 'object' is \"%1\", expected \"list\"").arg(textOf(*kind)));

    BatchPage &page = result.value;
    page.hasMore = hasMore->get_bool().value_unsafe();
    if (const auto first = member(root, "first_id"))
        page.firstId = textOf(*first);
    if (const auto last = member(root, "last_id"))
        page.lastId = textOf(*last);
    const simdjson::dom::array items = data->get_array();
    page.data.reserve(items.size());
    // Each batch keeps its bytes as received; if the slicer cannot match the DOM, they are printed again.
    std::vector<JsonSlicer::Slice> sources;
    if (!JsonSlicer::arrayItems(std::string_view(body.constData(), size_t(body.size())), "data", &sources) ||
        sources.size() != items.size())
        sources.clear();
    int index = 0;
    for (const element item : items) {
        ++index;
        if (!item.is_object()) {
            result.error = QStringLiteral("item %1 of the list is %2, expected a batch object")
                               .arg(index)
                               .arg(typeName(item));
            page = BatchPage();
            return result;
        }
        Parsed<Batch> batch =
            BatchObjectReader::read(item, sources.empty() ? nullptr : &sources[size_t(index - 1)]);
        if (!batch.ok()) {
            // Dropping it would silently show fewer batches than the account holds.
            result.error = QStringLiteral("item %1 of the list: %2").arg(index).arg(batch.error);
            page = BatchPage(); // half a page is not a page
            return result;
        }
        result.warnings += batch.warnings;
        page.data.push_back(std::move(batch.value));
    }
    return result;
}

} // namespace BatchParser
