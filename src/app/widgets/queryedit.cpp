#include "app/widgets/queryedit.h"

#include "models/plaintooltip.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QCoreApplication>
#include <QHelpEvent>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextCharFormat>
#include <QToolTip>

namespace {
// Where a term's value starts: after its field and operator (":", "~", ">", ">=", "<", "<=").
int valueStart(const QString &word)
{
    for (int i = 0; i < word.size(); ++i) {
        const QChar c = word.at(i);
        if (c == u'"')
            return -1; // a quoted free word
        if (c == u':' || c == u'~')
            return i + 1;
        if (c == u'>' || c == u'<')
            return i + 1 < word.size() && word.at(i + 1) == u'=' ? i + 2 : i + 1;
    }
    return -1;
}
} // namespace

QueryEdit::QueryEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_completer(new QCompleter(this))
    , m_completions(new QStringListModel(this))
{
    m_completer->setModel(m_completions);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setModelSorting(QCompleter::UnsortedModel);
    // Not setCompleter(): that one completes the whole text; this one the word under the cursor.
    m_completer->setWidget(this);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &QueryEdit::insertCompletion);
    // Positions move with the text; the query's owner sets the errors again for each text.
    connect(this, &QLineEdit::textEdited, this, [this] { updateCompletion(true); });
}

QueryEdit::Word QueryEdit::wordAtCursor() const
{
    const QString all = text();
    const int cursor = cursorPosition();
    // Back to the space that starts the word, outside double quotes.
    int start = 0;
    bool quoted = false;
    for (int i = 0; i < cursor; ++i) {
        if (all.at(i) == u'"')
            quoted = !quoted;
        else if (all.at(i).isSpace() && !quoted)
            start = i + 1;
    }
    Word word;
    if (start < cursor && all.at(start) == u'-') // a negated term completes like the plain one
        ++start;
    const QString typed = all.mid(start, cursor - start);
    const int value = valueStart(typed);
    if (value < 0) {
        word.start = start;
        word.prefix = typed;
        return word;
    }
    word.field = typed.left(value).remove(QRegularExpression(QStringLiteral("[:~<>=]+$"))).toLower();
    // Lists of values: complete the one after the last comma.
    const int comma = typed.lastIndexOf(u',');
    const int from = qMax(value, comma + 1);
    word.start = start + from;
    word.prefix = typed.mid(from);
    return word;
}

QStringList QueryEdit::completions() const
{
    const Word word = wordAtCursor();
    QStringList offered;
    if (word.field.isEmpty()) {
        // Field names only once something is typed: free words are searched as they are.
        if (word.prefix.isEmpty())
            return {};
        for (const QString &field : BatchQuery::fieldNames())
            offered << (field.endsWith(u'.') ? field : field + u':');
    } else {
        offered = BatchQuery::valuesOf(word.field);
    }
    QStringList matching;
    for (const QString &candidate : std::as_const(offered)) {
        if (candidate.startsWith(word.prefix, Qt::CaseInsensitive) &&
            candidate.compare(word.prefix, Qt::CaseInsensitive) != 0)
            matching << candidate;
    }
    return matching;
}

void QueryEdit::updateCompletion(bool show)
{
    const QStringList offered = completions();
    if (offered.isEmpty() || !show) {
        m_completer->popup()->hide();
        return;
    }
    m_completions->setStringList(offered);
    m_completer->setCompletionPrefix(wordAtCursor().prefix);
    QRect rect = cursorRect();
    rect.setWidth(m_completer->popup()->sizeHintForColumn(0) +
                  m_completer->popup()->verticalScrollBar()->sizeHint().width());
    m_completer->complete(rect);
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
}

void QueryEdit::insertCompletion(const QString &completion)
{
    const Word word = wordAtCursor();
    QString all = text();
    const int cursor = cursorPosition();
    all.replace(word.start, cursor - word.start, completion);
    setText(all);
    setCursorPosition(word.start + int(completion.size()));
    // A field name just completed: its values next, if it has few.
    if (completion.endsWith(u':'))
        updateCompletion(true);
}

void QueryEdit::keyPressEvent(QKeyEvent *event)
{
    // The popup's own keys: choose, or close it, without the field acting on them too.
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore();
            return;
        default:
            break;
        }
    }
    QLineEdit::keyPressEvent(event);
}

void QueryEdit::focusInEvent(QFocusEvent *event)
{
    QLineEdit::focusInEvent(event);
    applyFormats(); // an input method may have reset them while the field was away
}

void QueryEdit::setErrors(const QList<QueryError> &errors)
{
    m_errors = errors;
    QStringList said;
    for (const QueryError &error : errors)
        said << error.message;
    setAccessibleDescription(said.join(QStringLiteral("; ")));
    applyFormats();
}

QString QueryEdit::errorAt(int position) const
{
    for (const QueryError &error : m_errors) {
        // The place just after a term counts as the term's (the mouse is between two characters).
        if (position >= error.start && position <= error.start + qMax(1, error.length))
            return error.message;
    }
    return {};
}

void QueryEdit::applyFormats()
{
    // QLineEdit takes character formats only through an input method event (positions relative to the
    // cursor); one with no text changes nothing else.
    QList<QInputMethodEvent::Attribute> attributes;
    const int length = int(text().size());
    for (const QueryError &error : std::as_const(m_errors)) {
        const int start = qBound(0, error.start, length);
        int span = qMin(qMax(1, error.length), length - start);
        if (span <= 0 && start > 0) // at the very end (a missing value): the last character
            span = 1;
        if (span <= 0)
            continue;
        QTextCharFormat format;
        format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        // A red that stands out on a light field and on a dark one.
        const bool dark = palette().color(QPalette::Base).lightness() < 128;
        format.setUnderlineColor(dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd5, 0x1e, 0x1e));
        attributes << QInputMethodEvent::Attribute(
            QInputMethodEvent::TextFormat, qMin(start, length - span) - cursorPosition(), span, format);
    }
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(this, &event);
}

bool QueryEdit::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString error = errorAt(cursorPositionAt(help->pos()));
        if (!error.isEmpty()) {
            QToolTip::showText(help->globalPos(), PlainToolTip::of(error), this);
            return true;
        }
    }
    return QLineEdit::event(event);
}
