#include "app/widgets/progressdelegate.h"
#include "core/batch/batchcolumns.h"
#include "core/batch/batchstatus.h"
#include "models/batchtablemodel.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyleOptionViewItem>
#include <QTest>

#include <limits>

namespace {
constexpr qint64 kMax = std::numeric_limits<qint64>::max();
constexpr qint64 kMin = std::numeric_limits<qint64>::min();

BatchProgress progressOf(qint64 completed, qint64 failed, qint64 total)
{
    BatchProgress progress;
    progress.completed = completed;
    progress.failed = failed;
    progress.total = total;
    progress.status = BatchStatus::InProgress;
    progress.text = QStringLiteral("x / y");
    return progress;
}
} // namespace

class TestProgressDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sharesOfOrdinaryCounts()
    {
        const auto shares = ProgressDelegate::shares(progressOf(500, 250, 1000), 200);
        QCOMPARE(shares.completed, 100);
        QCOMPARE(shares.failed, 50);
        QCOMPARE(ProgressDelegate::shares(progressOf(1, 1, 0), 200).completed, 0); // no total: nothing filled
    }

    void sharesOfHostileCountsStayInTheBar_data()
    {
        QTest::addColumn<qint64>("completed");
        QTest::addColumn<qint64>("failed");
        QTest::addColumn<qint64>("total");
        QTest::newRow("both at the maximum, total 1") << kMax << kMax << qint64(1);
        QTest::newRow("all at the maximum") << kMax << kMax << kMax;
        QTest::newRow("negative") << kMin << kMin << qint64(10);
        QTest::newRow("more failed than total") << qint64(0) << kMax << qint64(3);
        QTest::newRow("completed beyond total") << qint64(7) << qint64(7) << qint64(5);
    }

    void sharesOfHostileCountsStayInTheBar()
    {
        QFETCH(qint64, completed);
        QFETCH(qint64, failed);
        QFETCH(qint64, total);
        const int width = 180;
        const auto shares = ProgressDelegate::shares(progressOf(completed, failed, total), width);
        QVERIFY(shares.completed >= 0 && shares.completed <= width);
        QVERIFY(shares.failed >= 0 && shares.completed + shares.failed <= width);
    }

    void paintsHostileCountsWithoutHarm()
    {
        // Through paint() itself, as the table calls it (UBSan watches the conversions in the sanitizer run).
        QStandardItemModel model(1, 1);
        model.setData(model.index(0, 0), QVariant::fromValue(progressOf(kMax, kMax, 1)),
                      BatchTableModel::ProgressRole);
        ProgressDelegate delegate;
        QImage image(220, 30, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        QStyleOptionViewItem option;
        option.rect = QRect(0, 0, 220, 30);
        option.palette = QApplication::palette();
        option.fontMetrics = QFontMetrics(QApplication::font());
        delegate.paint(&painter, option, model.index(0, 0));
        painter.end();
        // The completed share fills the whole bar; nothing is painted outside the cell.
        QVERIFY(image.pixelColor(110, 15) != QColor(Qt::white));
    }
};

QTEST_MAIN(TestProgressDelegate)
#include "tst_progressdelegate.moc"
