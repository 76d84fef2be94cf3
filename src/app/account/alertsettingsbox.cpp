#include "app/account/alertsettingsbox.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QSpinBox>

#include <algorithm>

AlertSettingsBox::AlertSettingsBox(QWidget *parent)
    : QGroupBox(tr("Alerts while batches run"), parent)
    , m_stallMinutes(new QSpinBox(this))
    , m_failurePercent(new QSpinBox(this))
{
    setObjectName(QStringLiteral("alertSettingsBox"));
    const auto check = [this](AlertKind kind, const QString &text, const QString &tip) {
        auto *box = new QCheckBox(text, this);
        box->setObjectName(QStringLiteral("alert-") + AlertMonitor::kindName(kind));
        box->setToolTip(tip);
        m_check[int(kind)] = box;
        return box;
    };
    check(AlertKind::Stalled, tr("Stalled: counts &unchanged for"),
          tr("A running batch whose counts have not moved for this long"));
    check(AlertKind::MissWindow, tr("Likely to miss its &window"),
          tr("At its current pace, a running batch would finish after its completion window"));
    check(AlertKind::OutputExpiring, tr("Output file e&xpiring within a day"),
          tr("An ended batch's output file will be deleted by the server within 24 hours"));
    check(AlertKind::FailureRate, tr("&Failed requests above"),
          tr("More than this share of a batch's finished requests failed (once 20 are done)"));

    m_stallMinutes->setRange(1, 7 * 24 * 60);
    m_stallMinutes->setSuffix(tr(" min"));
    m_stallMinutes->setAccessibleName(tr("Minutes without progress"));
    m_stallMinutes->setObjectName(QStringLiteral("stallMinutesSpin"));
    m_failurePercent->setRange(1, 100);
    m_failurePercent->setSuffix(tr(" %"));
    m_failurePercent->setAccessibleName(tr("Failure rate percent"));
    m_failurePercent->setObjectName(QStringLiteral("failurePercentSpin"));
    connect(m_check[int(AlertKind::Stalled)], &QCheckBox::toggled, m_stallMinutes, &QWidget::setEnabled);
    connect(m_check[int(AlertKind::FailureRate)], &QCheckBox::toggled, m_failurePercent,
            &QWidget::setEnabled);

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_check[int(AlertKind::Stalled)], 0, 0);
    grid->addWidget(m_stallMinutes, 0, 1);
    grid->addWidget(m_check[int(AlertKind::MissWindow)], 0, 3);
    grid->addWidget(m_check[int(AlertKind::FailureRate)], 1, 0);
    grid->addWidget(m_failurePercent, 1, 1);
    grid->addWidget(m_check[int(AlertKind::OutputExpiring)], 1, 3);
    grid->setColumnMinimumWidth(2, 24);
    grid->setColumnStretch(4, 1);

    setSettings(AlertSettings());
}

void AlertSettingsBox::setSettings(const AlertSettings &settings)
{
    m_kept = settings;
    for (int kind = 0; kind < kAlertKindCount; ++kind)
        m_check[kind]->setChecked(settings.enabled[kind]);
    m_stallMinutes->setValue(int(std::clamp<qint64>(settings.stallSeconds / 60, 1, 7 * 24 * 60)));
    m_failurePercent->setValue(qBound(1, qRound(settings.failureRate * 100.0), 100));
    m_stallMinutes->setEnabled(settings.enabled[int(AlertKind::Stalled)]);
    m_failurePercent->setEnabled(settings.enabled[int(AlertKind::FailureRate)]);
}

AlertSettings AlertSettingsBox::settings() const
{
    AlertSettings s = m_kept;
    for (int kind = 0; kind < kAlertKindCount; ++kind)
        s.enabled[kind] = m_check[kind]->isChecked();
    s.stallSeconds = qint64(m_stallMinutes->value()) * 60;
    s.failureRate = m_failurePercent->value() / 100.0;
    return s;
}

QList<QWidget *> AlertSettingsBox::tabOrder() const
{
    return {m_check[int(AlertKind::Stalled)],     m_stallMinutes,   m_check[int(AlertKind::MissWindow)],
            m_check[int(AlertKind::FailureRate)], m_failurePercent, m_check[int(AlertKind::OutputExpiring)]};
}
