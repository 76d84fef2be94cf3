#pragma once

#include "core/results/requestresult.h"

#include <QAbstractTableModel>

#include <memory>

namespace ResultsColumns {
enum Column { Line, CustomId, Outcome, ErrorCode, Message, InputTokens, OutputTokens, Answer, Count };
}

// The requests of one batch as a table, passive: it shows a ResultSet that ResultsFetch read, never reads
// files itself. A new set is a new table (one reset); the set is shared, never copied.
class ResultsTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value a column sorts on
        OutcomeRole,                 // RequestOutcome as int
        GroupRole,                   // index into ResultSet::groups, -1 for none
        CustomIdRole,
        RowRole, // index into ResultSet::rows
    };

    explicit ResultsTableModel(QObject *parent = nullptr);

    void setResults(std::shared_ptr<const ResultSet> results);
    void clear();
    const ResultSet *results() const { return m_results.get(); }
    std::shared_ptr<const ResultSet> sharedResults() const { return m_results; }
    const RequestResult &rowAt(int row) const { return m_results->rows[row]; }

    qint64 okCount() const { return m_results ? m_results->ok : 0; }
    qint64 failedCount() const { return m_results ? m_results->failed : 0; }
    qint64 notRunCount() const { return m_results ? m_results->notRun : 0; }

    // "ok", "failed (429)", "failed (server_error)", "not run".
    static QString outcomeText(const RequestResult &row);
    // Failures, then not run, then ok: the order "failures first" sorts by.
    static int outcomeRank(RequestOutcome outcome);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Colours follow the palette; the view tells the model when it turns dark or light.
    void setDarkPalette(bool dark);

private:
    QVariant display(const RequestResult &row, int column) const;

    std::shared_ptr<const ResultSet> m_results;
    bool m_dark = false;
};
