#pragma once

#include "core/query/batchquery.h"

#include <QLineEdit>

class QCompleter;
class QStringListModel;

// The search box as a query box: the query's mistakes underlined in red (a wavy line under each wrong term)
// with the problem in a tooltip at its place, and completion of field names and of the values a field takes
// (status, provider) for the word under the cursor.
class QueryEdit : public QLineEdit
{
    Q_OBJECT

public:
    explicit QueryEdit(QWidget *parent = nullptr);

    // The mistakes to underline, for the text shown now (positions in characters of it).
    void setErrors(const QList<QueryError> &errors);
    const QList<QueryError> &errors() const { return m_errors; }
    // What is wrong at this character position (empty: nothing).
    QString errorAt(int position) const;
    QCompleter *queryCompleter() const { return m_completer; }
    // The completions offered for the word under the cursor now.
    QStringList completions() const;
    using QLineEdit::cursorRect; // where a tooltip or a popup goes (and a test points)

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;

private:
    struct Word
    {
        int start = 0;  // where the part being completed starts
        QString prefix; // what of it is typed
        QString field;  // the field whose values are completed (empty: field names)
    };
    Word wordAtCursor() const;
    void updateCompletion(bool show);
    void insertCompletion(const QString &completion);
    void applyFormats();

    QList<QueryError> m_errors;
    QCompleter *m_completer;
    QStringListModel *m_completions;
};
