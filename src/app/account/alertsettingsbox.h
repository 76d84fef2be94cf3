#pragma once

#include "core/alerts/alertmonitor.h"

#include <QGroupBox>

class QCheckBox;
class QSpinBox;

// The Settings dialog's alerts besides completions: each kind on or off, the stall time and the failure
// rate, in two compact rows so the dialog still fits 1024x640.
class AlertSettingsBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit AlertSettingsBox(QWidget *parent = nullptr);

    void setSettings(const AlertSettings &settings);
    AlertSettings settings() const;
    // The box's widgets in tab order, to chain them into the dialog's.
    QList<QWidget *> tabOrder() const;

private:
    QCheckBox *m_check[kAlertKindCount] = {};
    QSpinBox *m_stallMinutes;
    QSpinBox *m_failurePercent;
    AlertSettings m_kept; // what the box does not edit (expiring window, minimum done) passes through
};
