#pragma once

#include <QList>
#include <QSplitter>

// The table and the detail pane: side by side on a wide window, the pane under the table on a narrow one.
// Until the user drags the handle the pane gets a readable share; the user's own split is kept (and saved)
// for each of the two arrangements.
class DetailSplitter : public QSplitter
{
    Q_OBJECT

public:
    // Below this window width the pane goes under the table.
    static constexpr int kBesideFromWindowWidth = 1200;

    explicit DetailSplitter(QWidget *parent = nullptr);

    void setBeside(bool beside);
    bool isBeside() const { return orientation() == Qt::Horizontal; }
    QByteArray saveSplit() const;
    bool restoreSplit(const QByteArray &state);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void applySizes();

    QList<int> m_userSizes[2]; // [0] beside, [1] under; empty while the user has not chosen
};
