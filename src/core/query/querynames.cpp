#include "core/query/queryterm.h"

#include "core/batch/batchstatus.h"

#include <algorithm>

// Field names and the words error messages are made of.
namespace Query {
namespace {

struct FieldName
{
    QLatin1String name;
    Field field;
};

constexpr FieldName kFields[] = {
    {QLatin1String("status"), Field::Status},     {QLatin1String("id"), Field::Id},
    {QLatin1String("endpoint"), Field::Endpoint}, {QLatin1String("model"), Field::Model},
    {QLatin1String("account"), Field::Account},   {QLatin1String("provider"), Field::Provider},
    {QLatin1String("total"), Field::Total},       {QLatin1String("completed"), Field::Completed},
    {QLatin1String("failed"), Field::Failed},     {QLatin1String("tokens"), Field::Tokens},
    {QLatin1String("cost"), Field::Cost},         {QLatin1String("created"), Field::Created},
    {QLatin1String("ended"), Field::Ended},
};

} // namespace

std::optional<Field> fieldNamed(const QString &name)
{
    for (const FieldName &field : kFields) {
        if (name.compare(field.name, Qt::CaseInsensitive) == 0)
            return field.field;
    }
    return std::nullopt;
}

namespace {
int editDistance(QStringView a, QStringView b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            row[size_t(j)] =
                std::min({above + 1, row[size_t(j) - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row.back();
}
} // namespace

QString quotedForMessage(const QString &text)
{
    constexpr int kMax = 40;
    return u'"' + (text.size() > kMax ? text.left(kMax) + QChar(0x2026) : text) + u'"';
}

QString nearestOf(const QString &word, const QStringList &candidates)
{
    if (word.size() > 32) // a long word is nobody's typo; and the distance is quadratic
        return {};
    QString best;
    int bestDistance = 3; // suggest only at a distance of 2 or less
    for (const QString &candidate : candidates) {
        const QString bare = candidate.endsWith(u'.') ? candidate.chopped(1) : candidate;
        const int d = editDistance(word.toLower(), bare.toLower());
        if (d < bestDistance && d < word.size()) {
            bestDistance = d;
            best = candidate;
        }
    }
    return best;
}

QString valueMistake(Field field, const QString &value)
{
    if (field == Field::Status && BatchStatus::fromString(value).value() == BatchStatus::Unknown) {
        if (value == QLatin1String("running"))
            return QStringLiteral("\"running\" is not a status: did you mean "
                                  "status:validating,in_progress,finalizing,cancelling?");
        const QString near = nearestOf(value, BatchQuery::valuesOf(QStringLiteral("status")));
        if (!near.isEmpty())
            return QStringLiteral("%1 is not a status: did you mean %2?").arg(quotedForMessage(value), near);
    }
    const QStringList providers = BatchQuery::valuesOf(QStringLiteral("provider"));
    if (field == Field::Provider && !providers.contains(value.toLower())) {
        const QString near = nearestOf(value, providers);
        return QStringLiteral("%1 is not a provider (%2)")
            .arg(quotedForMessage(value), near.isEmpty() ? providers.join(QStringLiteral(", "))
                                                         : QStringLiteral("did you mean %1?").arg(near));
    }
    return {};
}

QString unknownFieldMessage(const QString &name)
{
    QString message = QStringLiteral("unknown field %1").arg(quotedForMessage(name));
    const QString best = nearestOf(name, BatchQuery::fieldNames());
    if (!best.isEmpty())
        message += QStringLiteral(" (did you mean \"%1\"?)").arg(best);
    else
        message += QStringLiteral(" (fields: %1)").arg(BatchQuery::fieldNames().join(QStringLiteral(", ")));
    return message;
}

QString opText(Op op)
{
    switch (op) {
    case Op::Equals:
        return QStringLiteral(":");
    case Op::Contains:
        return QStringLiteral("~");
    case Op::Greater:
        return QStringLiteral(">");
    case Op::GreaterOrEqual:
        return QStringLiteral(">=");
    case Op::Less:
        return QStringLiteral("<");
    case Op::LessOrEqual:
        return QStringLiteral("<=");
    }
    return {};
}

} // namespace Query
