// The model's sources: the sessions (or hand-fed sources) whose rows it holds, and what taking one away does.
#include "models/batchtablemodel.h"

#include "core/session/accountsession.h"

namespace {
const QHash<QString, int> kNoCounts;
} // namespace

BatchTableModel::Source &BatchTableModel::source(int index)
{
    Q_ASSERT(index >= 0);
    while (int(m_sources.size()) <= index)
        m_sources.emplace_back();
    return m_sources[size_t(index)];
}

int BatchTableModel::addSource(const QString &account, Provider provider, const ProgressHistory *history)
{
    Source &added = source(int(m_sources.size()));
    added.account = account;
    added.provider = provider;
    added.history = history;
    rankSources(m_sortColumn); // the others keep their order among themselves
    return int(m_sources.size()) - 1;
}

int BatchTableModel::addSession(AccountSession *session)
{
    Q_ASSERT(session && sourceOf(session) < 0);
    const int added = addSource(session->name(), session->provider(), &session->history());
    m_sources[size_t(added)].session = session;
    connect(session, &AccountSession::batchesArrived, this,
            [this, session](const std::vector<Batch> &batches) {
                const int from = sourceOf(session);
                if (from >= 0)
                    merge(batches, from);
            });
    // The session records a sample before it emits the rows, and a merge that moves the counts announces the
    // estimate's column with them.
    connect(session, &AccountSession::fetchingChanged, this, &BatchTableModel::fetchingChanged);
    return added;
}

void BatchTableModel::setHistory(int index, const ProgressHistory *history)
{
    source(index).history = history;
}

int BatchTableModel::sourceOf(const AccountSession *session) const
{
    for (size_t i = 0; i < m_sources.size(); ++i) {
        if (!m_sources[i].removed && m_sources[i].session == session)
            return int(i);
    }
    return -1;
}

AccountSession *BatchTableModel::sessionOf(int index) const
{
    return index >= 0 && size_t(index) < m_sources.size() ? m_sources[size_t(index)].session.data() : nullptr;
}

QString BatchTableModel::accountOf(int index) const
{
    return index >= 0 && size_t(index) < m_sources.size() ? m_sources[size_t(index)].account : QString();
}

Provider BatchTableModel::providerOf(int index) const
{
    return index >= 0 && size_t(index) < m_sources.size() ? m_sources[size_t(index)].provider
                                                          : Provider::OpenAI;
}

const ProgressHistory *BatchTableModel::historyAt(int row) const
{
    return historyOf(sourceAt(row));
}

const ProgressHistory *BatchTableModel::historyOf(int index) const
{
    return index >= 0 && size_t(index) < m_sources.size() ? m_sources[size_t(index)].history : nullptr;
}

void BatchTableModel::removeSource(int index)
{
    if (index < 0 || size_t(index) >= m_sources.size() || m_sources[size_t(index)].removed)
        return;
    Source &gone = m_sources[size_t(index)];
    if (gone.session)
        gone.session->disconnect(this);
    beginResetModel();
    std::vector<Batch> rows;
    std::vector<int> sources;
    rows.reserve(m_rows.size());
    sources.reserve(m_rows.size());
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rowSource[row] == index)
            continue;
        rows.push_back(std::move(m_rows[row]));
        sources.push_back(m_rowSource[row]);
    }
    m_rows = std::move(rows);
    m_rowSource = std::move(sources);
    gone = Source();
    gone.removed = true;
    rebuildIndex();
    updateAllCosts();
    m_wordsAt.assign(m_rows.size(), Words());
    m_words.clear();
    m_wordsUnused = 0;
    for (size_t at = 0; at < m_rows.size(); ++at)
        storeWords(at);
    rankSources(m_sortColumn);
    orderAll();
    endResetModel();
    Q_EMIT statusCountsChanged();
}

void BatchTableModel::rebuildIndex()
{
    m_statusCounts.clear();
    for (Source &s : m_sources) {
        s.rowById.clear();
        s.statusCounts.clear();
    }
    for (size_t row = 0; row < m_rows.size(); ++row) {
        Source &s = m_sources[size_t(m_rowSource[row])];
        s.rowById.insert(m_rows[row].id, int(row));
        countStatus(s, m_rows[row].status, +1);
    }
}

void BatchTableModel::clear()
{
    beginResetModel();
    for (Source &s : m_sources) {
        if (s.session)
            s.session->disconnect(this);
    }
    m_rows.clear();
    m_rowSource.clear();
    m_order.clear();
    m_rowOfStored.clear();
    m_words.clear();
    m_wordsAt.clear();
    m_wordsUnused = 0;
    m_costs.clear();
    m_costMissing.clear();
    m_sources.clear();
    m_statusCounts.clear();
    endResetModel();
    Q_EMIT statusCountsChanged();
}

const QHash<QString, int> &BatchTableModel::statusCounts(int index) const
{
    return index >= 0 && size_t(index) < m_sources.size() ? m_sources[size_t(index)].statusCounts : kNoCounts;
}
