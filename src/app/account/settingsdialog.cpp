#include "app/account/settingsdialog.h"

#include "app/account/alertsettingsbox.h"
#include "ui_settingsdialog.h"

#include <QPushButton>

#include <utility>

namespace {
const QStringList kAlertModes = {QStringLiteral("all"), QStringLiteral("failures"), QStringLiteral("off")};

QString keyVariables(Provider provider)
{
    switch (provider) {
    case Provider::OpenAI:
        return QStringLiteral("OPENAI_API_KEY");
    case Provider::Azure:
        return QStringLiteral("AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN");
    case Provider::Anthropic:
        return QStringLiteral("ANTHROPIC_API_KEY");
    case Provider::Gemini:
        return QStringLiteral("GEMINI_API_KEY or GOOGLE_API_KEY");
    }
    Q_UNREACHABLE();
}

QString serverOf(const QString &keyAccount)
{
    const qsizetype at = keyAccount.indexOf(QLatin1String("api-key "));
    return at < 0 ? keyAccount : keyAccount.mid(at + 8);
}
} // namespace

SettingsDialog::SettingsDialog(const Input &input, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_alertBox(new AlertSettingsBox(this))
    , m_environment(input.environment)
    , m_storedKeys(input.storedKeys)
    , m_keychainAvailable(input.keychainAvailable)
{
    m_ui->setupUi(this);
    for (Provider provider : Providers::all())
        m_ui->providerCombo->addItem(Providers::displayName(provider), Providers::id(provider));
    m_ui->alertsCombo->setCurrentIndex(qMax(0, int(kAlertModes.indexOf(input.alerts))));
    // The other alerts sit under the completions' choice, in the tab order after it.
    m_ui->mainLayout->insertWidget(m_ui->mainLayout->indexOf(m_ui->buttonBox), m_alertBox);
    m_alertBox->setSettings(input.alertSettings);
    QWidget *previous = m_ui->alertsCombo;
    for (QWidget *next : m_alertBox->tabOrder())
        setTabOrder(std::exchange(previous, next), next);
    setTabOrder(previous, m_ui->clearCacheButton);
    QFont bold = m_ui->problemLabel->font();
    bold.setBold(true);
    m_ui->problemLabel->setFont(bold);
    m_ui->problemLabel->setAccessibleName(tr("Problem"));

    for (const Account &account : std::as_const(m_environment)) {
        auto *item = new QListWidgetItem(tr("%1 (environment)").arg(account.name), m_ui->accountList);
        item->setToolTip(tr("From the environment: %1").arg(keyVariables(account.provider)));
        QFont font = item->font();
        font.setItalic(true);
        item->setFont(font);
    }
    for (const Account &account : input.saved)
        addEntry({account, account.keyAccount(), m_storedKeys.contains(account.keyAccount()), {}, false});

    connect(m_ui->accountList, &QListWidget::currentRowChanged, this, &SettingsDialog::showCurrent);
    connect(m_ui->addButton, &QPushButton::clicked, this, &SettingsDialog::addAccount);
    connect(m_ui->duplicateButton, &QPushButton::clicked, this, &SettingsDialog::duplicateAccount);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &SettingsDialog::removeAccount);
    for (QLineEdit *edit : {m_ui->nameEdit, m_ui->baseUrlEdit, m_ui->organizationEdit, m_ui->projectEdit,
                            m_ui->apiVersionEdit, m_ui->apiKeyEdit})
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::readForm);
    connect(m_ui->providerCombo, &QComboBox::currentIndexChanged, this, &SettingsDialog::readForm);
    connect(m_ui->reuseKeyCheck, &QCheckBox::toggled, this, &SettingsDialog::readForm);
    connect(m_ui->autoRefreshCheck, &QCheckBox::toggled, this, &SettingsDialog::readForm);
    connect(m_ui->intervalSpin, &QSpinBox::valueChanged, this, &SettingsDialog::readForm);
    connect(m_ui->clearCacheButton, &QPushButton::clicked, this, [this] {
        m_ui->clearCacheButton->setEnabled(false);
        Q_EMIT clearCacheRequested();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    QList<Account> listed = m_environment;
    for (const Entry &entry : m_entries)
        listed << entry.account;
    const int first = Accounts::indexOf(listed, input.current);
    m_ui->accountList->setCurrentRow(first >= 0 ? first
                                                : (m_entries.empty() ? 0 : int(m_environment.size())));
    showCurrent();
    validate();
    // Room for the account with the most rows (OpenAI's, with the key's wrapped explanation) whichever is
    // selected first: a wrapped label does not make a shown dialog grow. Fits a 1024x640 screen.
    resize(sizeHint().expandedTo(QSize(780, 540)));
}

SettingsDialog::~SettingsDialog() = default;

SettingsDialog::Entry *SettingsDialog::currentEntry()
{
    const int index = m_ui->accountList->currentRow() - int(m_environment.size());
    return index >= 0 && index < int(m_entries.size()) ? &m_entries[size_t(index)] : nullptr;
}

bool SettingsDialog::hasKey(const Entry &entry) const
{
    const QString keyAccount = entry.account.keyAccount();
    return !entry.typedKey.isEmpty() || m_storedKeys.contains(keyAccount) || (entry.hadKey && entry.reuseKey);
}

QString SettingsDialog::uniqueName(const QString &base) const
{
    QList<Account> taken = m_environment;
    for (const Entry &entry : m_entries)
        taken << entry.account;
    QString name = base;
    for (int n = 2; Accounts::indexOf(taken, name) >= 0; ++n)
        name = base + u' ' + QString::number(n);
    return name;
}

void SettingsDialog::addEntry(const Entry &entry)
{
    m_entries.push_back(entry);
    new QListWidgetItem(m_ui->accountList);
    updateListItem(int(m_entries.size()) - 1);
}

void SettingsDialog::addAccount()
{
    Entry entry;
    entry.account.name = uniqueName(tr("New account"));
    addEntry(entry);
    m_ui->accountList->setCurrentRow(m_ui->accountList->count() - 1);
    m_ui->nameEdit->setFocus();
    m_ui->nameEdit->selectAll();
    validate();
}

void SettingsDialog::duplicateAccount()
{
    const int row = m_ui->accountList->currentRow();
    if (row < 0)
        return;
    Entry copy;
    if (const Entry *source = currentEntry())
        copy = {source->account, source->originalKeyAccount, source->hadKey, {}, false};
    else // an environment account becomes a saved one with the same server; its key is the user's to enter
        copy.account = m_environment.at(row);
    copy.account.fromEnvironment = false;
    copy.account.name = uniqueName(copy.account.name + tr(" (copy)"));
    addEntry(copy);
    m_ui->accountList->setCurrentRow(m_ui->accountList->count() - 1);
    m_ui->nameEdit->setFocus();
    m_ui->nameEdit->selectAll();
    validate();
}

void SettingsDialog::removeAccount()
{
    const Entry *entry = currentEntry();
    if (!entry)
        return;
    const int row = m_ui->accountList->currentRow();
    if (entry->hadKey)
        m_removedKeys << entry->originalKeyAccount;
    m_entries.erase(m_entries.begin() + (row - int(m_environment.size())));
    delete m_ui->accountList->takeItem(row);
    m_ui->accountList->setCurrentRow(qMin(row, m_ui->accountList->count() - 1));
    showCurrent();
    validate();
}

void SettingsDialog::showCurrent()
{
    const int row = m_ui->accountList->currentRow();
    const Entry *entry = currentEntry();
    const bool environment = !entry && row >= 0 && row < m_environment.size();
    const bool none = !entry && !environment;
    const Account account = entry ? entry->account : environment ? m_environment.at(row) : Account();
    m_loading = true;
    m_ui->nameEdit->setText(account.name);
    m_ui->providerCombo->setCurrentIndex(int(Providers::all().indexOf(account.provider)));
    m_ui->baseUrlEdit->setText(account.baseUrl);
    m_ui->organizationEdit->setText(account.organization);
    m_ui->projectEdit->setText(account.project);
    m_ui->apiVersionEdit->setText(account.apiVersion);
    m_ui->apiKeyEdit->setText(entry ? entry->typedKey : QString());
    m_ui->reuseKeyCheck->setChecked(entry && entry->reuseKey);
    m_ui->autoRefreshCheck->setChecked(account.autoRefresh);
    m_ui->intervalSpin->setValue(account.refreshSeconds);
    m_loading = false;

    for (QWidget *field :
         std::initializer_list<QWidget *>{m_ui->nameEdit, m_ui->providerCombo, m_ui->baseUrlEdit,
                                          m_ui->organizationEdit, m_ui->projectEdit, m_ui->apiVersionEdit,
                                          m_ui->apiKeyEdit, m_ui->reuseKeyCheck, m_ui->autoRefreshCheck})
        field->setEnabled(entry);
    m_ui->intervalSpin->setEnabled(entry && account.autoRefresh);
    m_ui->removeButton->setEnabled(entry);
    m_ui->duplicateButton->setEnabled(!none);
    if (environment)
        m_ui->sourceLabel->setText(tr("From the environment: change its variables to change it, or duplicate "
                                      "it to keep a copy here."));
    else if (none)
        m_ui->sourceLabel->setText(
            tr("No account yet: Add one, or set a provider's key variable (e.g. OPENAI_API_KEY)."));
    m_ui->sourceLabel->setVisible(environment || none);
    updateProviderFields(account.provider);
    updateKeyStatus();
}

void SettingsDialog::readForm()
{
    Entry *entry = currentEntry();
    if (m_loading || !entry)
        return;
    Account &account = entry->account;
    account.name = m_ui->nameEdit->text().trimmed();
    account.provider = Providers::all().value(m_ui->providerCombo->currentIndex(), Provider::OpenAI);
    account.baseUrl = m_ui->baseUrlEdit->text().trimmed();
    // Fields another provider has no use for are not kept: they would change its keychain entry unseen.
    const bool openai = account.provider == Provider::OpenAI;
    account.organization = openai ? m_ui->organizationEdit->text().trimmed() : QString();
    account.project = openai ? m_ui->projectEdit->text().trimmed() : QString();
    account.apiVersion =
        account.provider == Provider::Azure ? m_ui->apiVersionEdit->text().trimmed() : QString();
    account.autoRefresh = m_ui->autoRefreshCheck->isChecked();
    account.refreshSeconds = m_ui->intervalSpin->value();
    entry->typedKey = m_ui->apiKeyEdit->text().trimmed();
    entry->reuseKey = m_ui->reuseKeyCheck->isChecked();
    m_ui->intervalSpin->setEnabled(account.autoRefresh);
    updateListItem(m_ui->accountList->currentRow() - int(m_environment.size()));
    updateProviderFields(account.provider);
    updateKeyStatus();
    validate();
}

void SettingsDialog::updateProviderFields(Provider provider)
{
    const bool azure = provider == Provider::Azure;
    m_ui->baseUrlLabel->setText(azure ? tr("Endpo&int:") : tr("&Base URL:"));
    m_ui->baseUrlEdit->setPlaceholderText(azure ? tr("https://RESOURCE.openai.azure.com (required)")
                                                : Accounts::defaultBaseUrl(provider));
    m_ui->accountForm->setRowVisible(m_ui->organizationEdit, provider == Provider::OpenAI);
    m_ui->accountForm->setRowVisible(m_ui->projectEdit, provider == Provider::OpenAI);
    m_ui->accountForm->setRowVisible(m_ui->apiVersionEdit, azure);
}

void SettingsDialog::updateKeyStatus()
{
    const int row = m_ui->accountList->currentRow();
    const Entry *entry = currentEntry();
    bool offerReuse = false;
    QString status;
    if (!entry && row >= 0 && row < m_environment.size()) {
        status = tr("The key comes from %1.").arg(keyVariables(m_environment.at(row).provider));
        m_ui->apiKeyEdit->setPlaceholderText(tr("set in the environment"));
    } else if (entry) {
        const QString keyAccount = entry->account.keyAccount();
        m_ui->apiKeyEdit->setPlaceholderText(m_storedKeys.contains(keyAccount) ? tr("unchanged (stored)")
                                                                               : tr("the account's key"));
        offerReuse = entry->hadKey && keyAccount != entry->originalKeyAccount && entry->typedKey.isEmpty() &&
                     !m_storedKeys.contains(keyAccount);
        if (offerReuse) {
            status =
                tr("The stored key belongs to %1. Enter the key for this server and scope, or tick the box "
                   "below to send the same key here.")
                    .arg(serverOf(entry->originalKeyAccount));
            m_ui->reuseKeyCheck->setText(tr("&Send the key stored for %1 here too")
                                             .arg(QUrl(serverOf(entry->originalKeyAccount)).host()));
        } else if (!m_keychainAvailable) {
            status =
                tr("No system keychain is available: a key entered here is kept for this session only and "
                   "never written to disk.");
        } else if (m_storedKeys.contains(keyAccount)) {
            status = tr("A key is stored in the system keychain; type a new one to replace it.");
        } else {
            status = tr("A key entered here is stored in the system keychain.");
        }
    }
    m_ui->keyStatusLabel->setText(status);
    m_ui->keyStatusLabel->setVisible(!status.isEmpty());
    m_ui->reuseKeyCheck->setVisible(offerReuse);
}

void SettingsDialog::updateListItem(int entryIndex)
{
    if (entryIndex < 0 || entryIndex >= int(m_entries.size()))
        return;
    const Account &account = m_entries[size_t(entryIndex)].account;
    QListWidgetItem *item = m_ui->accountList->item(int(m_environment.size()) + entryIndex);
    item->setText(account.name.isEmpty() ? tr("(no name)") : account.name);
    item->setToolTip(Providers::displayName(account.provider));
}

QString SettingsDialog::problem() const
{
    const QList<Account> saved = accounts();
    for (int i = 0; i < saved.size(); ++i) {
        QString why = Accounts::problem(saved, i, hasKey(m_entries[size_t(i)]));
        // The environment's accounts are listed first under their own names: a saved one would be renamed,
        // and two accounts could end up with one name.
        for (const Account &environment : m_environment) {
            if (why.isEmpty() &&
                environment.name.compare(saved.at(i).name.trimmed(), Qt::CaseInsensitive) == 0)
                why = tr("an account from the environment is named \"%1\"").arg(environment.name);
        }
        if (!why.isEmpty())
            return (saved.at(i).name.isEmpty() ? tr("(no name)") : saved.at(i).name) + QStringLiteral(": ") +
                   why;
    }
    return {};
}

void SettingsDialog::validate()
{
    const QString why = problem();
    m_ui->problemLabel->setText(why);
    m_ui->problemLabel->setVisible(!why.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

void SettingsDialog::accept()
{
    // Enter in a field presses OK even while it is disabled: the same check stands in its way.
    validate();
    if (!problem().isEmpty())
        return;
    QDialog::accept();
}

QList<Account> SettingsDialog::accounts() const
{
    QList<Account> saved;
    for (const Entry &entry : m_entries)
        saved << entry.account;
    return saved;
}

QList<SettingsDialog::KeyChange> SettingsDialog::keyChanges() const
{
    QList<KeyChange> changes;
    for (const Entry &entry : m_entries) {
        const QString keyAccount = entry.account.keyAccount();
        if (!entry.typedKey.isEmpty())
            changes << KeyChange{keyAccount, entry.typedKey, {}};
        else if (entry.hadKey && entry.reuseKey && keyAccount != entry.originalKeyAccount &&
                 !m_storedKeys.contains(keyAccount))
            changes << KeyChange{keyAccount, {}, entry.originalKeyAccount};
    }
    return changes;
}

QStringList SettingsDialog::removedKeys() const
{
    QStringList removed;
    for (const QString &keyAccount : m_removedKeys) {
        const bool used = std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry &entry) {
            return entry.account.keyAccount() == keyAccount || entry.originalKeyAccount == keyAccount;
        });
        if (!used && !removed.contains(keyAccount))
            removed << keyAccount;
    }
    return removed;
}

QString SettingsDialog::alerts() const
{
    return kAlertModes.value(m_ui->alertsCombo->currentIndex(), kAlertModes.constFirst());
}

AlertSettings SettingsDialog::alertSettings() const
{
    return m_alertBox->settings();
}
