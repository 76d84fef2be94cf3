#pragma once

#include <QLabel>

// A one-line label for ids and names without spaces: what does not fit is cut (in the middle by default) and
// the whole text goes to the tool tip and to Copy, so a narrow pane never scrolls sideways.
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr, Qt::TextElideMode mode = Qt::ElideMiddle);

    void setFullText(const QString &text);
    QString fullText() const { return m_full; }
    bool isElided() const { return m_elided; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateShown();

    QString m_full;
    Qt::TextElideMode m_mode;
    bool m_elided = false;
};
