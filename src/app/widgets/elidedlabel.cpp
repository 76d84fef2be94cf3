#include "app/widgets/elidedlabel.h"
#include "models/plaintooltip.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>

ElidedLabel::ElidedLabel(QWidget *parent, Qt::TextElideMode mode)
    : QLabel(parent)
    , m_mode(mode)
{
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ElidedLabel::setFullText(const QString &text)
{
    if (text == m_full && !QLabel::text().isEmpty())
        return;
    m_full = text;
    updateGeometry();
    updateShown();
}

QSize ElidedLabel::sizeHint() const
{
    const QMargins margins = contentsMargins();
    return {fontMetrics().horizontalAdvance(m_full) + margins.left() + margins.right() + 2 * margin(),
            QLabel::sizeHint().height()};
}

QSize ElidedLabel::minimumSizeHint() const
{
    // Enough for a recognisable start and end ("batc…9f2a").
    return {qMin(sizeHint().width(), fontMetrics().averageCharWidth() * 10),
            QLabel::minimumSizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    updateShown();
}

void ElidedLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateShown();
}

void ElidedLabel::contextMenuEvent(QContextMenuEvent *event)
{
    if (!m_elided) {
        QLabel::contextMenuEvent(event);
        return;
    }
    QMenu menu(this);
    menu.addAction(tr("Copy"), this, [this] { QApplication::clipboard()->setText(m_full); });
    menu.exec(event->globalPos());
}

void ElidedLabel::keyPressEvent(QKeyEvent *event)
{
    // What is selected of a cut text is not what the user wants to paste.
    if (m_elided && event->matches(QKeySequence::Copy)) {
        QApplication::clipboard()->setText(m_full);
        return;
    }
    QLabel::keyPressEvent(event);
}

void ElidedLabel::updateShown()
{
    const QString shown = fontMetrics().elidedText(m_full, m_mode, contentsRect().width() - 2 * margin());
    m_elided = shown != m_full;
    if (shown != QLabel::text())
        QLabel::setText(shown);
    setToolTip(m_elided ? PlainToolTip::of(m_full) : QString());
}
