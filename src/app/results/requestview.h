#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
struct RequestResult;
struct ResultSet;

// One request's full input line and full result side by side, as pretty JSON, selectable and copyable. Reads
// the two lines from the files on disk (ResultsReader::readLine) only when a row is chosen.
class RequestView : public QWidget
{
    Q_OBJECT

public:
    explicit RequestView(QWidget *parent = nullptr);

    void setRow(const ResultSet &set, const RequestResult &row);
    void clear();
    QString inputText() const;
    QString resultText() const;
    QPlainTextEdit *inputEdit() const { return m_input; }
    QPlainTextEdit *resultEdit() const { return m_result; }

    // A line as a person reads it: indented JSON, or the bytes as text when they are not JSON.
    static QString pretty(const QByteArray &line);

private:
    QWidget *pane(const QString &title, QLabel **label, QPlainTextEdit **edit);

    QLabel *m_inputTitle = nullptr;
    QLabel *m_resultTitle = nullptr;
    QPlainTextEdit *m_input = nullptr;
    QPlainTextEdit *m_result = nullptr;
};
