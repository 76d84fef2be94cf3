#include "app/widgets/detailsplitter.h"

#include <QDataStream>
#include <QIODevice>

namespace {
constexpr qint32 kStateVersion = 1;
} // namespace

DetailSplitter::DetailSplitter(QWidget *parent)
    : QSplitter(Qt::Horizontal, parent)
{
    setObjectName(QStringLiteral("detailSplitter"));
    setChildrenCollapsible(false);
    connect(this, &QSplitter::splitterMoved, this, [this] { m_userSizes[isBeside() ? 0 : 1] = sizes(); });
}

void DetailSplitter::setBeside(bool beside)
{
    if (beside == isBeside())
        return;
    setOrientation(beside ? Qt::Horizontal : Qt::Vertical);
    applySizes();
}

void DetailSplitter::resizeEvent(QResizeEvent *event)
{
    QSplitter::resizeEvent(event);
    const bool wasBeside = isBeside();
    arrange();
    if (isBeside() == wasBeside && m_userSizes[isBeside() ? 0 : 1].isEmpty())
        applySizes();
}

void DetailSplitter::arrange()
{
    // This width is the same in both arrangements (what the side bar leaves), so it cannot flip back and
    // forth.
    const int tableLeast = m_tableLeast ? m_tableLeast() : 0;
    setBeside(window()->width() >= kBesideFromWindowWidth &&
              width() >= tableLeast + handleWidth() + kPaneLeast);
}

void DetailSplitter::applySizes()
{
    Q_ASSERT(count() == 2);
    const QList<int> &user = m_userSizes[isBeside() ? 0 : 1];
    if (!user.isEmpty()) {
        setSizes(user);
        return;
    }
    // Beside: enough for ids and the timeline's three columns, at most what a reader needs. Under: a bit less
    // than half, so the table keeps a screenful of rows.
    const int total = (isBeside() ? width() : height()) - handleWidth();
    int pane = isBeside() ? qBound(kPaneLeast, total * 2 / 5, kPaneMost) : qBound(160, total * 9 / 20, 420);
    // Beside, the table keeps its least width (arrange() made sure both fit): the pane gives way first.
    if (isBeside() && m_tableLeast)
        pane = qMax(kPaneLeast, qMin(pane, total - m_tableLeast()));
    setSizes({qMax(0, total - pane), pane});
}

QByteArray DetailSplitter::saveSplit() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << kStateVersion << m_userSizes[0] << m_userSizes[1];
    return state;
}

bool DetailSplitter::restoreSplit(const QByteArray &state)
{
    QDataStream in(state);
    qint32 version = 0;
    QList<int> beside, under;
    in >> version >> beside >> under;
    const auto valid = [](const QList<int> &split) {
        return split.isEmpty() || (split.size() == 2 && split[0] >= 0 && split[1] >= 0);
    };
    if (in.status() != QDataStream::Ok || version != kStateVersion || !valid(beside) || !valid(under))
        return false;
    m_userSizes[0] = beside;
    m_userSizes[1] = under;
    applySizes();
    return true;
}
