#include "app/account/settingsdialog.h"

#include "ui_settingsdialog.h"

#include <QCheckBox>
#include <QLineEdit>

SettingsDialog::SettingsDialog(const AccountSettings &settings, bool keychainAvailable, bool hasStoredKey,
                               QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_originalAccount(settings.keyAccount())
    , m_originalHost(settings.toConfig(QString()).baseUrl.host())
    , m_hasStoredKey(hasStoredKey && !AccountSettings::keyFromEnvironment())
{
    m_ui->setupUi(this);
    m_ui->baseUrlEdit->setText(settings.baseUrl);
    m_ui->organizationEdit->setText(settings.organization);
    m_ui->projectEdit->setText(settings.project);
    m_ui->intervalSpin->setValue(settings.refreshSeconds);
    m_ui->autoRefreshCheck->setChecked(settings.autoRefresh);
    const QStringList alertModes = {QStringLiteral("all"), QStringLiteral("failures"), QStringLiteral("off")};
    m_ui->alertsCombo->setCurrentIndex(qMax(0, int(alertModes.indexOf(settings.alerts))));
    connect(m_ui->autoRefreshCheck, &QCheckBox::toggled, m_ui->intervalSpin, &QWidget::setEnabled);
    m_ui->intervalSpin->setEnabled(settings.autoRefresh);
    connect(m_ui->clearCacheButton, &QPushButton::clicked, this, [this] {
        m_ui->clearCacheButton->setEnabled(false);
        Q_EMIT clearCacheRequested();
    });

    if (AccountSettings::keyFromEnvironment()) {
        m_ui->apiKeyEdit->setEnabled(false);
        m_ui->apiKeyEdit->setPlaceholderText(tr("set by OPENAI_API_KEY"));
        m_ui->keyStatusLabel->setText(
            tr("The key comes from the environment variable OPENAI_API_KEY, which wins "
               "over a stored key. Unset it to use a key stored here."));
    } else if (keychainAvailable) {
        m_ui->apiKeyEdit->setPlaceholderText(tr("unchanged (stored in the system keychain)"));
        m_ui->keyStatusLabel->setText(tr("A key entered here is stored in the system keychain."));
    } else {
        m_ui->keyStatusLabel->setText(
            tr("No system keychain is available: a key entered here is kept for this "
               "session only and never written to disk."));
    }
    const bool envBase = !qEnvironmentVariable("OPENAI_BASE_URL").isEmpty();
    if (envBase) {
        m_ui->baseUrlEdit->setEnabled(false);
        m_ui->baseUrlEdit->setText(qEnvironmentVariable("OPENAI_BASE_URL"));
        m_ui->baseUrlEdit->setToolTip(tr("Set by OPENAI_BASE_URL"));
    }

    m_keyStatus = m_ui->keyStatusLabel->text();
    m_reuseKey =
        new QCheckBox(tr("&Send the key stored for %1 to the new account too").arg(m_originalHost), this);
    m_reuseKey->setObjectName(QStringLiteral("reuseKeyCheck"));
    m_ui->accountForm->addRow(QString(), m_reuseKey);
    for (QLineEdit *edit : {m_ui->apiKeyEdit, m_ui->baseUrlEdit, m_ui->organizationEdit, m_ui->projectEdit})
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::updateKeyChoice);
    updateKeyChoice();
}

bool SettingsDialog::accountChanged() const
{
    return settings().keyAccount() != m_originalAccount;
}

bool SettingsDialog::reuseKey() const
{
    return m_hasStoredKey && m_reuseKey->isChecked() && accountChanged() && enteredKey().isEmpty();
}

void SettingsDialog::updateKeyChoice()
{
    const bool offer = m_hasStoredKey && accountChanged() && enteredKey().isEmpty();
    m_reuseKey->setVisible(offer);
    if (!offer) {
        m_ui->keyStatusLabel->setText(m_keyStatus);
        return;
    }
    m_ui->keyStatusLabel->setText(
        tr("The stored key belongs to %1. Enter the key for the new account, or tick the box below to send "
           "the same key there.")
            .arg(m_originalHost));
}

SettingsDialog::~SettingsDialog() = default;

AccountSettings SettingsDialog::settings() const
{
    AccountSettings s;
    s.baseUrl = m_ui->baseUrlEdit->isEnabled() ? m_ui->baseUrlEdit->text().trimmed()
                                               : AccountSettings::load().baseUrl;
    s.organization = m_ui->organizationEdit->text().trimmed();
    s.project = m_ui->projectEdit->text().trimmed();
    s.refreshSeconds = m_ui->intervalSpin->value();
    s.autoRefresh = m_ui->autoRefreshCheck->isChecked();
    static const char *const kAlerts[] = {"all", "failures", "off"};
    s.alerts = QLatin1String(kAlerts[qBound(0, m_ui->alertsCombo->currentIndex(), 2)]);
    return s;
}

QString SettingsDialog::enteredKey() const
{
    return m_ui->apiKeyEdit->text().trimmed();
}
