#include "app/widgets/errorbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_retry(new QPushButton(tr("&Retry"), this))
    , m_settings(new QPushButton(tr("Open Settings..."), this))
{
    setObjectName(QStringLiteral("errorBanner"));
    // Warm, not alarming: the rows below are still good, only the last refresh failed.
    setStyleSheet(
        QStringLiteral("#errorBanner { background: #fde7d9; border: 1px solid #d55e00; border-radius: 4px; }"
                       "#errorBanner QLabel { color: #3a1a00; }"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    layout->addWidget(icon);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);                       // the server's words, never markup it chose
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse); // request ids get copied into support tickets
    layout->addWidget(m_text, 1);
    layout->addWidget(m_settings);
    layout->addWidget(m_retry);
    auto *close = new QPushButton(tr("Dismiss"), this);
    layout->addWidget(close);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT retryRequested();
    });
    connect(m_settings, &QPushButton::clicked, this, &ErrorBanner::settingsRequested);
    connect(close, &QPushButton::clicked, this, &QWidget::hide);
    setAccessibleName(tr("Error"));
    hide();
}

void ErrorBanner::showMessage(const QString &message, bool canRetry, bool offerSettings)
{
    m_text->setText(message);
    m_retry->setVisible(canRetry);
    m_settings->setVisible(offerSettings);
    setAccessibleDescription(message);
    show();
}

QString ErrorBanner::message() const
{
    return m_text->text();
}
