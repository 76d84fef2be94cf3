#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// A non-modal strip above the table: what went wrong (the API's message and request id) and a way to retry.
class ErrorBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    void showMessage(const QString &message, bool canRetry = true);
    QString message() const;

Q_SIGNALS:
    void retryRequested();

private:
    QLabel *m_text;
    QPushButton *m_retry;
};
