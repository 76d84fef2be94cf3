#pragma once

#include <QList>
#include <QSplitter>

#include <functional>

// The table and the detail pane: side by side when both fit (the table with every column at its least width,
// the pane at a readable one), else the pane under the table. Until the user drags the handle the pane gets a
// readable share; the user's own split is kept (and saved) for each of the two arrangements.
class DetailSplitter : public QSplitter
{
    Q_OBJECT

public:
    // Below this window width the pane always goes under the table, whatever the fonts.
    static constexpr int kBesideFromWindowWidth = 1200;
    // The pane's width beside the table: at least every tab and a whole id, at most a reader's line.
    static constexpr int kPaneLeast = 460;
    static constexpr int kPaneMost = 540;

    explicit DetailSplitter(QWidget *parent = nullptr);

    // How narrow the table (the first widget) can be with every visible column readable.
    void setTableLeastWidth(std::function<int()> least) { m_tableLeast = std::move(least); }
    void setBeside(bool beside);
    bool isBeside() const { return orientation() == Qt::Horizontal; }
    QByteArray saveSplit() const;
    bool restoreSplit(const QByteArray &state);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void applySizes();
    // Beside or under, from the width the two have.
    void arrange();

    std::function<int()> m_tableLeast;
    QList<int> m_userSizes[2]; // [0] beside, [1] under; empty while the user has not chosen
};
