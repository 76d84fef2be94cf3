// The search box's query across restarts, and the side bar's saved queries.
#include "app/mainwindow.h"

#include "app/widgets/filterbar.h"
#include "app/widgets/savedqueries.h"
#include "app/widgets/statusfilterpanel.h"

#include <QLayout>
#include <QSettings>

namespace {
const QString kQueryKey = QStringLiteral("filter/query");
} // namespace

void MainWindow::buildQuery()
{
    m_savedQueries = new SavedQueriesPanel(m_statusPanel);
    m_statusPanel->layout()->addWidget(m_savedQueries);
    connect(m_savedQueries, &SavedQueriesPanel::queryChosen, m_filterBar, &FilterBar::setQuery);
    connect(m_filterBar, &FilterBar::searchChanged, m_savedQueries, &SavedQueriesPanel::setCurrentQuery);
    restoreQuery();
}

void MainWindow::restoreQuery()
{
    // Before the first rows come: they are filtered as they arrive, never shown whole and then taken away.
    const QString query = QSettings().value(kQueryKey).toString();
    if (!query.isEmpty())
        m_filterBar->setQuery(query.left(4096));
}

void MainWindow::saveQuery() const
{
    QSettings().setValue(kQueryKey, m_filterBar->query());
}
