#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// A non-modal strip above the table: what went wrong (the API's message and request id), a way to retry and,
// when the key is what failed, a way to Settings.
class ErrorBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    // `offerSettings`: a Settings button too (a refused key is fixed there, not by retrying).
    void showMessage(const QString &message, bool canRetry = true, bool offerSettings = false);
    QString message() const;
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *settingsButton() const { return m_settings; }

Q_SIGNALS:
    void retryRequested();
    void settingsRequested();

private:
    QLabel *m_text;
    QPushButton *m_retry;
    QPushButton *m_settings;
};
