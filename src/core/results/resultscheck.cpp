#include "core/results/resultscheck.h"

#include <QLocale>

namespace {
// "10,000": the numbers a user compares with the batch's own page.
QString number(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}
} // namespace

namespace ResultsCheck {

QStringList disagreements(const ResultSet &set, const Batch &batch)
{
    QStringList found;
    const RequestCounts &counts = batch.requestCounts;
    // A running batch's counts move, and one without counts has nothing to compare with.
    if (!batch.status.isTerminal() || !counts.present)
        return found;
    qint64 ran = 0; // rows with a result line for a request that ran (not batch_expired, canceled, ...)
    qint64 withInput = 0;
    for (const RequestResult &row : set.rows) {
        if (row.outcome != RequestOutcome::NotRun)
            ++ran;
        if (row.input.isValid())
            ++withInput;
    }
    const qint64 reportedRan = counts.completed + counts.failed;
    if (ran != reportedRan)
        found.append(QStringLiteral("the result files hold %1 requests that ran but the batch reports %2 "
                                    "completed or failed")
                         .arg(number(ran), number(reportedRan)));
    if (set.provider == Provider::Anthropic) {
        // No input file: the results hold every request, the ones that did not run included (canceled,
        // expired), and the adapter reports total as the sum of those counts.
        if (set.rows.size() != counts.total)
            found.append(QStringLiteral("the results file holds %1 requests but the batch reports %2 in all")
                             .arg(number(set.rows.size()), number(counts.total)));
        return found;
    }
    // A batch that failed validation ran nothing and reports no requests: its input's lines are not missing.
    const bool ranNothing = batch.status == BatchStatus::Failed && counts.total == 0 && reportedRan == 0;
    if (!set.files.input.isEmpty() && !ranNothing && withInput != counts.total)
        found.append(QStringLiteral("the input file holds %1 requests but the batch reports %2 in all")
                         .arg(number(withInput), number(counts.total)));
    return found;
}

} // namespace ResultsCheck
