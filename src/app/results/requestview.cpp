#include "app/results/requestview.h"

#include "core/json/jsonindent.h"
#include "core/results/requestresult.h"
#include "core/results/resultsreader.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace {
// A line of several megabytes would make the text view crawl; the copy button copies what is shown.
constexpr qsizetype kMaxShownBytes = 4 * 1024 * 1024;
} // namespace

RequestView::RequestView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(pane(tr("Request (input line)"), &m_inputTitle, &m_input));
    split->addWidget(pane(tr("Result"), &m_resultTitle, &m_result));
    split->setChildrenCollapsible(false);
    layout->addWidget(split);
    m_input->setAccessibleName(tr("Request as uploaded"));
    m_result->setAccessibleName(tr("Result"));
    clear();
}

QWidget *RequestView::pane(const QString &title, QLabel **label, QPlainTextEdit **edit)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *head = new QHBoxLayout;
    *label = new QLabel(title, page);
    *edit = new QPlainTextEdit(page);
    QPlainTextEdit *text = *edit;
    text->setReadOnly(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    text->setTabChangesFocus(true); // keyboard users move on with Tab
    auto *copy = new QPushButton(tr("Copy"), page);
    copy->setAccessibleName(tr("Copy %1").arg(title));
    connect(copy, &QPushButton::clicked, this,
            [text] { QApplication::clipboard()->setText(text->toPlainText()); });
    head->addWidget(*label, 1);
    head->addWidget(copy);
    layout->addLayout(head);
    layout->addWidget(text, 1);
    return page;
}

QString RequestView::pretty(const QByteArray &line)
{
    // Keys in the order the file has them and strings as written: what the user copies is what was sent.
    const QByteArray laidOut = JsonIndent::indented(line);
    return QString::fromUtf8(laidOut.isEmpty() ? line : laidOut);
}

void RequestView::setRow(const ResultSet &set, const RequestResult &row)
{
    const auto show = [](QPlainTextEdit *edit, QLabel *label, const QString &title, const QString &path,
                         const LineRef &ref, const QString &none) {
        QByteArray line =
            ref.isValid() && !path.isEmpty() ? ResultsReader::readLine(path, ref) : QByteArray();
        const bool cut = line.size() > kMaxShownBytes;
        if (cut)
            line.truncate(kMaxShownBytes);
        QString text = cut ? QString::fromUtf8(line) : pretty(line);
        if (text.isEmpty())
            text = ref.isValid() ? tr("The line could not be read back: the file is gone or changed.") : none;
        edit->setPlainText(text);
        label->setText(cut ? tr("%1 (first 4 MB)").arg(title) : title);
    };
    show(m_input, m_inputTitle,
         row.inputLineNumber > 0 ? tr("Request, input line %1").arg(row.inputLineNumber) : tr("Request"),
         set.files.input, row.input,
         set.files.input.isEmpty() ? tr("This provider keeps no input file: only the result is known.")
                                   : tr("The input file does not hold this custom_id."));
    const QString path =
        row.resultSource == RequestResult::Source::Errors ? set.files.errors : set.files.output;
    const QString from = row.resultSource == RequestResult::Source::Errors ? tr("Result (error file)")
                                                                           : tr("Result (output file)");
    show(m_result, m_resultTitle, row.resultSource == RequestResult::Source::None ? tr("Result") : from, path,
         row.result, tr("Not run: this request is in neither result file."));
}

void RequestView::clear()
{
    m_input->setPlainText(tr("Choose a row to see its request and result."));
    m_result->clear();
    m_inputTitle->setText(tr("Request"));
    m_resultTitle->setText(tr("Result"));
}

QString RequestView::inputText() const
{
    return m_input->toPlainText();
}

QString RequestView::resultText() const
{
    return m_result->toPlainText();
}
