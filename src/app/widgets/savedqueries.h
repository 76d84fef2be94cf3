#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

// The side bar's saved queries: "Save query" names the current one; a click (or Enter) on one applies it;
// Delete or the context menu removes it. Kept in QSettings.
class SavedQueriesPanel : public QWidget
{
    Q_OBJECT

public:
    struct Saved
    {
        QString name;
        QString query;
    };
    static constexpr int kMaxSaved = 50; // a few are the point; the settings never grow without bound

    explicit SavedQueriesPanel(QWidget *parent = nullptr);

    // The query the search box holds now (what "Save query" saves; empty: the button is off).
    void setCurrentQuery(const QString &query);
    // Saves under `name` (replacing one of that name) and keeps the list in the settings.
    void save(const QString &name, const QString &query);
    void remove(int row);
    QList<Saved> saved() const { return m_saved; }
    QListWidget *list() const { return m_list; }
    QPushButton *saveButton() const { return m_save; }

Q_SIGNALS:
    void queryChosen(const QString &query);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void askAndSave();
    void fill();
    void store() const;

    QListWidget *m_list;
    QPushButton *m_save;
    QString m_current;
    QList<Saved> m_saved;
};
