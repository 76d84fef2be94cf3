// The Settings dialog's accounts: add, edit, duplicate, remove, the environment's read-only, what cannot be
// saved, keys that stay with their account, and a keyboard that reaches everything.
#include "app/account/settingsdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

namespace {
Account account(const QString &name, Provider provider, const QString &base = QString())
{
    Account a;
    a.name = name;
    a.provider = provider;
    a.baseUrl = base;
    return a;
}

template <typename T> T *child(QWidget *parent, const char *name)
{
    auto *widget = parent->findChild<T *>(QLatin1String(name));
    Q_ASSERT(widget);
    return widget;
}

QLineEdit *edit(QWidget *dialog, const char *name)
{
    return child<QLineEdit>(dialog, name);
}

bool okEnabled(QWidget *dialog)
{
    return child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok)->isEnabled();
}

QString problem(QWidget *dialog)
{
    auto *label = child<QLabel>(dialog, "problemLabel");
    return label->isVisibleTo(dialog) ? label->text() : QString();
}

void selectProvider(QWidget *dialog, Provider provider)
{
    auto *combo = child<QComboBox>(dialog, "providerCombo");
    combo->setCurrentIndex(combo->findData(Providers::id(provider)));
}
} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theEnvironmentsAccountsAreListedReadOnly()
    {
        SettingsDialog::Input input;
        Account env = account(QStringLiteral("Anthropic"), Provider::Anthropic);
        env.fromEnvironment = true;
        input.environment = {env};
        input.saved = {account(QStringLiteral("Team A"), Provider::OpenAI)};
        SettingsDialog dialog(input);
        auto *list = child<QListWidget>(&dialog, "accountList");
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->item(0)->text(), QStringLiteral("Anthropic (environment)"));
        QVERIFY(list->item(0)->toolTip().contains(QLatin1String("ANTHROPIC_API_KEY")));
        // The saved account is selected first, for editing.
        QCOMPARE(list->currentRow(), 1);
        QVERIFY(edit(&dialog, "nameEdit")->isEnabled());
        list->setCurrentRow(0);
        QCOMPARE(edit(&dialog, "nameEdit")->text(), QStringLiteral("Anthropic"));
        QVERIFY(!edit(&dialog, "nameEdit")->isEnabled());
        QVERIFY(!edit(&dialog, "apiKeyEdit")->isEnabled());
        QVERIFY(!child<QComboBox>(&dialog, "providerCombo")->isEnabled());
        QVERIFY(!child<QPushButton>(&dialog, "removeButton")->isEnabled());
        QVERIFY(
            child<QLabel>(&dialog, "keyStatusLabel")->text().contains(QLatin1String("ANTHROPIC_API_KEY")));
        // Duplicating it makes a saved account with the same server, whose key the user enters.
        child<QPushButton>(&dialog, "duplicateButton")->click();
        QCOMPARE(dialog.accounts().size(), 2);
        const Account copy = dialog.accounts().at(1);
        QVERIFY(!copy.fromEnvironment);
        QCOMPARE(copy.provider, Provider::Anthropic);
        QCOMPARE(copy.name, QStringLiteral("Anthropic (copy)"));
        QVERIFY(edit(&dialog, "nameEdit")->isEnabled());
    }

    void addEditRemove()
    {
        SettingsDialog::Input input;
        Account kept = account(QStringLiteral("Team A"), Provider::OpenAI);
        Account gone = account(QStringLiteral("Old"), Provider::Gemini);
        input.saved = {kept, gone};
        input.storedKeys = {kept.keyAccount(), gone.keyAccount()};
        SettingsDialog dialog(input);
        auto *list = child<QListWidget>(&dialog, "accountList");

        child<QPushButton>(&dialog, "addButton")->click();
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->currentRow(), 2);
        // A new account starts on OpenAI's server, which "Team A" has already: not savable as it is.
        QVERIFY(problem(&dialog).contains(QLatin1String("share one key")));
        edit(&dialog, "nameEdit")->setText(QStringLiteral("Claude"));
        selectProvider(&dialog, Provider::Anthropic);
        QVERIFY(okEnabled(&dialog));
        // Organization and project are OpenAI's; the base URL says Anthropic's default.
        QVERIFY(!edit(&dialog, "organizationEdit")->isVisibleTo(&dialog));
        QVERIFY(!edit(&dialog, "apiVersionEdit")->isVisibleTo(&dialog));
        QCOMPARE(edit(&dialog, "baseUrlEdit")->placeholderText(),
                 QStringLiteral("https://api.anthropic.com"));
        edit(&dialog, "apiKeyEdit")->setText(QStringLiteral("sk-ant-new"));
        child<QCheckBox>(&dialog, "autoRefreshCheck")->setChecked(false);
        QCOMPARE(list->item(2)->text(), QStringLiteral("Claude"));

        // Edit the first: a project, a longer interval.
        list->setCurrentRow(0);
        QCOMPARE(edit(&dialog, "apiKeyEdit")->text(), QString());
        edit(&dialog, "projectEdit")->setText(QStringLiteral("proj_1"));
        child<QSpinBox>(&dialog, "intervalSpin")->setValue(120);

        // Remove the second.
        list->setCurrentRow(1);
        child<QPushButton>(&dialog, "removeButton")->click();
        QCOMPARE(list->count(), 2);

        const QList<Account> accounts = dialog.accounts();
        QCOMPARE(accounts.size(), 2);
        QCOMPARE(accounts.at(0).name, QStringLiteral("Team A"));
        QCOMPARE(accounts.at(0).project, QStringLiteral("proj_1"));
        QCOMPARE(accounts.at(0).refreshSeconds, 120);
        QCOMPARE(accounts.at(1).name, QStringLiteral("Claude"));
        QCOMPARE(accounts.at(1).provider, Provider::Anthropic);
        QCOMPARE(accounts.at(1).autoRefresh, false);
        const QList<SettingsDialog::KeyChange> changes = dialog.keyChanges();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).keyAccount, accounts.at(1).keyAccount());
        QCOMPARE(changes.at(0).key, QStringLiteral("sk-ant-new"));
        QCOMPARE(dialog.removedKeys(), QStringList{gone.keyAccount()});
        QVERIFY(okEnabled(&dialog));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void whatCannotBeSavedKeepsTheDialogOpen()
    {
        SettingsDialog::Input input;
        input.saved = {account(QStringLiteral("Team A"), Provider::OpenAI)};
        SettingsDialog dialog(input);
        QVERIFY(problem(&dialog).isEmpty());

        edit(&dialog, "nameEdit")->clear();
        QVERIFY(!okEnabled(&dialog));
        QVERIFY2(problem(&dialog).contains(QLatin1String("needs a name")), qPrintable(problem(&dialog)));
        edit(&dialog, "nameEdit")->setText(QStringLiteral("Team A"));
        QVERIFY(okEnabled(&dialog));

        // A second account with the same name, then with the same server and scope.
        child<QPushButton>(&dialog, "addButton")->click();
        edit(&dialog, "nameEdit")->setText(QStringLiteral("team a"));
        QVERIFY(problem(&dialog).contains(QLatin1String("another account is named")));
        edit(&dialog, "nameEdit")->setText(QStringLiteral("Team B"));
        QVERIFY(problem(&dialog).contains(QLatin1String("share one key")));
        edit(&dialog, "projectEdit")->setText(QStringLiteral("proj_b"));
        QVERIFY2(problem(&dialog).isEmpty(), qPrintable(problem(&dialog)));

        // Azure needs its endpoint.
        selectProvider(&dialog, Provider::Azure);
        QVERIFY(edit(&dialog, "apiVersionEdit")->isVisibleTo(&dialog));
        QVERIFY(!edit(&dialog, "projectEdit")->isVisibleTo(&dialog));
        QVERIFY(problem(&dialog).contains(QLatin1String("no endpoint")));
        QVERIFY(!okEnabled(&dialog));
        edit(&dialog, "baseUrlEdit")->setText(QStringLiteral("https://r.openai.azure.com"));
        QVERIFY(okEnabled(&dialog));

        // A key over plain HTTP to another machine is refused; to this machine it is fine.
        edit(&dialog, "baseUrlEdit")->setText(QStringLiteral("http://r.openai.azure.com"));
        QVERIFY(okEnabled(&dialog)); // no key: nothing to leak
        edit(&dialog, "apiKeyEdit")->setText(QStringLiteral("az-key"));
        QVERIFY2(problem(&dialog).contains(QLatin1String("plain http://")), qPrintable(problem(&dialog)));
        QVERIFY(!okEnabled(&dialog));
        dialog.accept(); // Enter in a field: refused all the same
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        edit(&dialog, "baseUrlEdit")->setText(QStringLiteral("http://127.0.0.1:8080"));
        QVERIFY(okEnabled(&dialog));
    }

    void aStoredKeyGoesToAChangedAccountOnlyWhenTicked()
    {
        SettingsDialog::Input input;
        const Account a =
            account(QStringLiteral("Team A"), Provider::OpenAI, QStringLiteral("https://a.example/v1"));
        input.saved = {a};
        input.storedKeys = {a.keyAccount()};
        SettingsDialog dialog(input);
        dialog.show();
        auto *reuse = child<QCheckBox>(&dialog, "reuseKeyCheck");
        QVERIFY(!reuse->isVisibleTo(&dialog));
        edit(&dialog, "baseUrlEdit")->setText(QStringLiteral("https://b.example/v1"));
        QVERIFY(reuse->isVisibleTo(&dialog));
        QVERIFY(!reuse->isChecked());
        QVERIFY(reuse->text().contains(QLatin1String("a.example")));
        QVERIFY(dialog.keyChanges().isEmpty());
        reuse->setChecked(true);
        QCOMPARE(dialog.keyChanges().size(), 1);
        QCOMPARE(dialog.keyChanges().at(0).copyFrom, a.keyAccount());
        QCOMPARE(dialog.keyChanges().at(0).key, QString());
        // A key typed in wins over the copy, and the box goes away.
        edit(&dialog, "apiKeyEdit")->setText(QStringLiteral("sk-b"));
        QVERIFY(!reuse->isVisibleTo(&dialog));
        QCOMPARE(dialog.keyChanges().at(0).key, QStringLiteral("sk-b"));
        // Back to the first server: its own key is there.
        edit(&dialog, "apiKeyEdit")->clear();
        edit(&dialog, "baseUrlEdit")->setText(QStringLiteral("https://a.example/v1"));
        QVERIFY(!reuse->isVisibleTo(&dialog));
        QVERIFY(dialog.keyChanges().isEmpty());
    }

    void theKeyboardReachesEverything()
    {
        SettingsDialog::Input input;
        input.saved = {account(QStringLiteral("Team A"), Provider::OpenAI)};
        SettingsDialog dialog(input);
        dialog.show();
        QApplication::setActiveWindow(&dialog);
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        // Every mnemonic shown is a different letter.
        QSet<QChar> letters;
        const auto mnemonic = [](const QString &text) {
            const qsizetype at = text.indexOf(u'&');
            return at >= 0 && at + 1 < text.size() ? text.at(at + 1).toLower() : QChar();
        };
        QStringList texts;
        for (QLabel *label : dialog.findChildren<QLabel *>())
            if (label->isVisibleTo(&dialog) && label->buddy())
                texts << label->text();
        for (QAbstractButton *button : dialog.findChildren<QAbstractButton *>())
            if (button->isVisibleTo(&dialog))
                texts << button->text();
        for (const QString &text : std::as_const(texts)) {
            const QChar letter = mnemonic(text);
            if (letter.isNull())
                continue;
            QVERIFY2(!letters.contains(letter), qPrintable(QStringLiteral("two mnemonics on ") + letter));
            letters.insert(letter);
        }
        // Alt+A adds an account and puts the cursor in its name.
        // (A mnemonic clicks as a button animates: a moment later.)
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_A, Qt::AltModifier);
        QTRY_COMPARE(dialog.accounts().size(), 2);
        QTRY_COMPARE(QApplication::focusWidget(), edit(&dialog, "nameEdit"));
        QTest::keyClicks(edit(&dialog, "nameEdit"), QStringLiteral("Typed"));
        QCOMPARE(dialog.accounts().at(1).name, QStringLiteral("Typed"));
        // Tab walks from the name through the provider to the base URL.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), child<QComboBox>(&dialog, "providerCombo"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), edit(&dialog, "baseUrlEdit"));
        // Alt+M removes it again.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_M, Qt::AltModifier);
        QTRY_COMPARE(dialog.accounts().size(), 1);
    }

    void alertsAreSetAndReachedByKeyboard()
    {
        SettingsDialog::Input input;
        input.alertSettings.stallSeconds = 45 * 60;
        input.alertSettings.enabled[int(AlertKind::FailureRate)] = false;
        SettingsDialog dialog(input);
        dialog.show();
        QApplication::setActiveWindow(&dialog);
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *stall = child<QSpinBox>(&dialog, "stallMinutesSpin");
        auto *percent = child<QSpinBox>(&dialog, "failurePercentSpin");
        auto *failing = child<QCheckBox>(&dialog, "alert-failure-rate");
        QCOMPARE(stall->value(), 45);
        QVERIFY(!failing->isChecked());
        QVERIFY(!percent->isEnabled());
        // Tab goes from the completions' choice into the alerts, and out of them to Clear cache.
        child<QComboBox>(&dialog, "alertsCombo")->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), child<QCheckBox>(&dialog, "alert-stalled"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), stall);
        stall->selectAll();
        QTest::keyClicks(stall, QStringLiteral("50"));
        // Alt+F turns the failure rate on (a mnemonic clicks a moment later), and its percent with it.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::AltModifier);
        QTRY_VERIFY(failing->isChecked());
        QVERIFY(percent->isEnabled());
        child<QCheckBox>(&dialog, "alert-output-expiring")->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), child<QPushButton>(&dialog, "clearCacheButton"));
        const AlertSettings chosen = dialog.alertSettings();
        QCOMPARE(chosen.stallSeconds, qint64(50 * 60));
        QVERIFY(chosen.enabled[int(AlertKind::FailureRate)]);
        QVERIFY(chosen.enabled[int(AlertKind::MissWindow)]);
        QCOMPARE(chosen.failureRate, 0.10);
    }

    void fitsASmallScreen()
    {
        SettingsDialog::Input input;
        Account env = account(QStringLiteral("OpenAI"), Provider::OpenAI);
        env.fromEnvironment = true;
        input.environment = {env};
        for (int i = 0; i < 12; ++i)
            input.saved << account(QStringLiteral("Account %1").arg(i), Provider::OpenAI,
                                   QStringLiteral("https://a%1.example/v1").arg(i));
        SettingsDialog dialog(input);
        dialog.show();
        const QSize size = dialog.size().expandedTo(dialog.minimumSizeHint());
        QVERIFY2(size.width() <= 1024 && size.height() <= 640,
                 qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())));
    }

    void aSavedAccountMayNotTakeAnEnvironmentAccountsName()
    {
        SettingsDialog::Input input;
        Account env = account(QStringLiteral("OpenAI"), Provider::OpenAI);
        env.fromEnvironment = true;
        input.environment = {env};
        input.saved = {account(QStringLiteral("Team A"), Provider::Anthropic)};
        SettingsDialog dialog(input);
        QVERIFY2(problem(&dialog).isEmpty(), qPrintable(problem(&dialog)));
        edit(&dialog, "nameEdit")->setText(QStringLiteral("openai"));
        QVERIFY(!okEnabled(&dialog));
        QVERIFY2(problem(&dialog).contains(QLatin1String("environment")), qPrintable(problem(&dialog)));
        edit(&dialog, "nameEdit")->setText(QStringLiteral("OpenAI 2"));
        QVERIFY2(problem(&dialog).isEmpty(), qPrintable(problem(&dialog)));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
