// SimAccount::createForTests: batches made to order for tests and screenshots (POST /v1/_sim/batches).
#include "sim/simaccount.h"

#include <algorithm>

const SimBatch &SimAccount::createForTests(const TestBatch &spec)
{
    SimBatch planned;
    planned.endpoint = spec.endpoint;
    planned.model = spec.model;
    planned.metadata = spec.metadata;
    planned.failedShare = std::clamp(spec.failedShare, 0.0, 1.0);
    planned.outcome = spec.outcome;
    planned.answerChars = spec.answerChars;
    planned.total = planned.submitted = qMax<qint64>(0, spec.requests);
    planned.hasUsage = spec.hasUsage;
    planned.fixedUsage = spec.usage;
    SimBatch &batch = add(std::move(planned));
    if (batch.outcome == SimBatch::Outcome::Failed) {
        batch.total = 0; // validation failed: nothing ran
        batch.failureCode = QStringLiteral("invalid_json_line");
        batch.failureMessage = QStringLiteral("This line is not parseable as valid JSON.");
        batch.failureLine = qMax<qint64>(1, (batch.submitted + 1) / 2);
    }
    if (spec.outputExpiresAfter)
        batch.extraFields.insert(QStringLiteral("output_expires_after"),
                                 QJsonObject{{QStringLiteral("anchor"), QStringLiteral("created_at")},
                                             {QStringLiteral("seconds"), *spec.outputExpiresAfter}});
    const qint64 at = now();
    if (!spec.ended) {
        if (spec.runSeconds) {
            batch.finalizingAt = batch.inProgressAt + *spec.runSeconds;
            batch.endsAt = batch.finalizingAt + 5;
        }
        if (spec.stallAfter)
            batch.stallsAt = batch.inProgressAt + *spec.stallAfter;
        // A live plan as add() made it; a cancel or an expiry comes halfway through the run.
        if (batch.outcome == SimBatch::Outcome::Cancelled)
            batch.cancelRequestedAt = batch.inProgressAt + (batch.finalizingAt - batch.inProgressAt) / 2;
        else if (batch.outcome == SimBatch::Outcome::Expired)
            batch.endsAt = batch.finalizingAt;
        return batch;
    }
    // Terminal now: every moment of the plan lies in the past, so the batch takes its place among the
    // account's batches by created_at (the list stays newest first).
    batch.createdAt = at - 3600;
    batch.inProgressAt = batch.createdAt + 60;
    switch (batch.outcome) {
    case SimBatch::Outcome::Completed:
    case SimBatch::Outcome::Failed:
        batch.finalizingAt = at - 120;
        batch.endsAt = at - 60;
        break;
    case SimBatch::Outcome::Expired:
        // Ran out of its 24 h window with 60% of the requests done (SimBatch::doneAt's pace).
        batch.createdAt = at - SimBatch::kWindowSeconds - 600;
        batch.inProgressAt = batch.createdAt + 60;
        batch.endsAt = batch.createdAt + SimBatch::kWindowSeconds;
        batch.finalizingAt = batch.endsAt + 3600;
        break;
    case SimBatch::Outcome::Cancelled:
        // Cancelled a little under halfway through its run, long enough ago to be cancelled.
        batch.finalizingAt = at + 600;
        batch.endsAt = batch.finalizingAt + 5;
        batch.cancelRequestedAt = at - 1800;
        break;
    }
    if (spec.createdAt) {
        // Moved back whole to the creation time asked for: the same run, ended longer ago.
        const qint64 shift = *spec.createdAt - batch.createdAt;
        for (qint64 *moment : {&batch.createdAt, &batch.inProgressAt, &batch.finalizingAt, &batch.endsAt})
            *moment += shift;
        if (batch.cancelRequestedAt)
            *batch.cancelRequestedAt += shift;
    }
    return placeByCreation(m_batches.size() - 1);
}

const SimBatch &SimAccount::placeByCreation(size_t row)
{
    Q_ASSERT(row < m_batches.size());
    // Rows run oldest first; a batch created in the past moves down past the newer ones (a stable move, so
    // batches created in the same second keep their order).
    size_t place = row;
    while (place > 0 && m_batches[place - 1].createdAt > m_batches[row].createdAt)
        --place;
    std::rotate(m_batches.begin() + std::ptrdiff_t(place), m_batches.begin() + std::ptrdiff_t(row),
                m_batches.begin() + std::ptrdiff_t(row) + 1);
    for (size_t i = place; i <= row; ++i)
        m_rowById.insert(m_batches[i].id, int(i));
    return m_batches[place];
}
