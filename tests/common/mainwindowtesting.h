// Opening the real MainWindow on the simulator, for the widget tests (header-only: only tests linking the GUI
// include it).
#pragma once

#include "app/mainwindow.h"
#include "app/widgets/batchtableview.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"

#include <QTest>

namespace MainWindowTesting {
// Shows the window at `size` on `config`, auto-refresh off so each test decides when a refresh happens.
// `demo`: as `batchwatch --demo` shows it, with the demo banner taking its height.
inline void openOn(MainWindow &window, const ApiConfig &config, const QSize &size = QSize(1400, 900),
                   bool demo = false)
{
    window.setRefreshInterval(600, false);
    window.resize(size);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        qWarning("the window was not exposed");
    window.connectTo(config, demo);
}

// Selects one row, as a click does.
inline void selectRow(MainWindow &window, int row)
{
    window.table()->selectionModel()->clearSelection();
    window.table()->setCurrentIndex(window.proxy()->index(row, 0));
    window.table()->selectRow(row);
}

// The first row, in the view's order, whose batch has `status` (-1: none).
inline int firstRowWith(const MainWindow &window, const QString &status)
{
    for (int row = 0; row < window.proxy()->rowCount(); ++row) {
        if (window.proxy()->index(row, 0).data(BatchTableModel::StatusRole).toString() == status)
            return row;
    }
    return -1;
}
} // namespace MainWindowTesting
