#include "core/cost/pricetable.h"

#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>
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
    // Over a dollar a token is a typo (or an attack on the sums), not a price.
    constexpr double kMaxPerMillion = 1e6;
    if (!std::isfinite(price) || price < 0 || price > kMaxPerMillion) {
        *error = QStringLiteral("%1.%2: %3 is not a price (a number from 0 to 1,000,000 per million tokens)")
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

// Longer names are no model's: refused before any lookup, so a hostile name costs nothing.
constexpr qsizetype kMaxModelName = 256;
// The longest snapshot suffix: a date and a version, "-20240620-v1:0", or Vertex's "@20240620".
constexpr qsizetype kMaxSuffix = 24;

bool allDigits(QStringView text, qsizetype count)
{
    return text.size() == count && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

// One part of a snapshot suffix at the start of `rest` (after its '-'): a date (2024-07-18, 20250514), a
// month and day (0613), a version number (001), "latest" or "v1:0"; how many characters it takes (0: none).
qsizetype snapshotPart(QStringView rest)
{
    const QStringView part = rest.left(rest.indexOf(u'-') < 0 ? rest.size() : rest.indexOf(u'-'));
    if (allDigits(part, 4) && rest.size() >= 10 && rest.at(4) == u'-' && allDigits(rest.mid(5, 2), 2) &&
        rest.at(7) == u'-' && allDigits(rest.mid(8, 2), 2) && (rest.size() == 10 || rest.at(10) == u'-'))
        return 10; // 2024-07-18
    if (allDigits(part, 8) || allDigits(part, 4) || allDigits(part, 3) || part == QLatin1String("latest"))
        return part.size();
    if (part.size() >= 2 && part.front() == u'v' && part.at(1).isDigit()) {
        const QStringView version = part.mid(1);
        const qsizetype colon = version.indexOf(u':');
        const auto digits = [](QStringView t) {
            return !t.isEmpty() && std::all_of(t.begin(), t.end(), [](QChar c) { return c.isDigit(); });
        };
        if (colon < 0 ? digits(version) : digits(version.left(colon)) && digits(version.mid(colon + 1)))
            return part.size();
    }
    return 0;
}

// What may follow a listed name for it to still name that model: one or two snapshot parts
// ("-2024-07-18", "-20250514", "-0613", "-001", "-latest", "-v1:0", "-20240620-v1:0") or Vertex's
// "@20240620". Anything else ("-mini", "-pro", "-audio-preview", ".1", and a one- or two-digit minor version:
// claude-opus-4-5 is not claude-opus-4) is another model with prices of its own, never priced as this one.
bool isSnapshotSuffix(QStringView rest)
{
    if (rest.size() > kMaxSuffix || rest.size() < 2)
        return false;
    if (rest.front() == u'@')
        return true;
    if (rest.front() != u'-')
        return false;
    rest = rest.mid(1);
    for (int parts = 0; parts < 2; ++parts) {
        const qsizetype taken = snapshotPart(rest);
        if (taken == 0)
            return false;
        if (taken == rest.size())
            return true;
        if (rest.at(taken) != u'-')
            return false;
        rest = rest.mid(taken + 1);
    }
    return false;
}

std::optional<ModelPrice> lookup(const QHash<QString, ModelPrice> &models, const QString &model)
{
    if (models.isEmpty())
        return std::nullopt;
    const auto exact = models.constFind(model);
    if (exact != models.constEnd())
        return *exact;
    // The longest listed prefix followed by a snapshot's suffix ("gpt-4o-mini-2024-07-18" -> "gpt-4o-mini").
    // Only the last kMaxSuffix characters can start a suffix: linear in the name, whatever it holds.
    for (qsizetype length = model.size() - 1; length > 0 && model.size() - length <= kMaxSuffix; --length) {
        const QChar next = model.at(length);
        if ((next != u'-' && next != u'@') || !isSnapshotSuffix(QStringView(model).mid(length)))
            continue;
        // A view of the name's start, not a copy: lookups run per row as a query filters 100,000 of them.
        const auto prefix = models.constFind(QString::fromRawData(model.constData(), length));
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
    // Only a regular file: opening a FIFO would wait for a writer, and a device would never end.
    if (!QFileInfo(path).isFile()) {
        why = QStringLiteral("not a regular file");
    } else if (!file.open(QIODevice::ReadOnly)) {
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
    // Both are printed on terminals and in the window: a date and a three-letter code (ISO 4217), nothing
    // else.
    const QString updated = root.value(QLatin1String("updated")).toString();
    if (root.contains(QLatin1String("updated")) &&
        (updated.size() != 10 || !QDate::fromString(updated, Qt::ISODate).isValid())) {
        why = QStringLiteral("updated: not a date (YYYY-MM-DD)");
        return false;
    }
    const QString currency = root.value(QLatin1String("currency")).toString();
    if (root.contains(QLatin1String("currency")) &&
        (currency.size() != 3 || !std::all_of(currency.cbegin(), currency.cend(), [](QChar c) {
             return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z');
         }))) {
        why = QStringLiteral("currency: not a currency code (three letters, such as USD)");
        return false;
    }
    // Everything is read into copies first, so a table that fails half way leaves this one as it was.
    // A table in another currency stands alone: mixing its prices with these would label dollars as euros.
    const bool otherCurrency =
        root.contains(QLatin1String("currency")) &&
        root.value(QLatin1String("currency")).toString().compare(m_currency, Qt::CaseInsensitive) != 0;
    QHash<QString, ModelPrice> common = otherCurrency ? QHash<QString, ModelPrice>() : m_common;
    QHash<QString, ModelPrice> added;
    if (!readModels(root.value(QLatin1String("models")), QStringLiteral("models"), &added, &why))
        return false;
    QHash<Provider, QHash<QString, ModelPrice>> byProvider =
        otherCurrency ? QHash<Provider, QHash<QString, ModelPrice>>() : m_byProvider;
    // A later table's common entry is meant for every provider: it replaces an earlier table's per-provider
    // entry of that name too (a user's "claude-3-5-sonnet" must not lose to the shipped Anthropic one).
    for (auto it = added.constBegin(); it != added.constEnd(); ++it) {
        common.insert(it.key(), it.value());
        for (auto &models : byProvider)
            models.remove(it.key());
    }
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
        m_currency = root.value(QLatin1String("currency")).toString().toUpper();
    return true;
}

std::optional<ModelPrice> PriceTable::price(Provider provider, const QString &model) const
{
    // Names come lower-case and trimmed from the API: no copy then (this runs per row as a query filters).
    const bool plain = std::none_of(model.cbegin(), model.cend(), [](QChar c) { return c.isUpper(); }) &&
                       (model.isEmpty() || (!model.front().isSpace() && !model.back().isSpace()));
    const QString name = plain ? model : model.trimmed().toLower();
    if (name.isEmpty() || name.size() > kMaxModelName)
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
