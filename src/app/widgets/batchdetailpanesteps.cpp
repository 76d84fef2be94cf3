// The detail pane's next steps: Results, New batch for a batch that failed validation, and the links between
// a batch and its retries.
#include "app/widgets/batchdetailpane.h"

#include "core/batch/batch.h"

#include <QLabel>
#include <QPushButton>
#include <QTextDocument>

void BatchDetailPane::fillNextSteps(const Batch &batch)
{
    const bool terminal = batch.status.isTerminal();
    m_resultsButton->setEnabled(terminal);
    m_resultsButton->setToolTip(
        terminal ? tr("Every request of the batch with its outcome, errors by cause, and Retry (Ctrl+R)")
                 : tr("The results can be read once the batch has ended."));
    // Validation failed: nothing ran, nothing to retry; what is wrong is in the errors, line by line.
    const bool failed = batch.status.value() == BatchStatus::Failed;
    m_newBatchButton->setVisible(failed);
    QStringList lines;
    for (const BatchError &e : batch.errors) {
        if (lines.size() == 5) {
            lines << tr("... and %1 more under Errors").arg(batch.errors.size() - 5);
            break;
        }
        lines << (e.line ? tr("Line %1: %2").arg(*e.line).arg(e.message.left(300)) : e.message.left(300));
    }
    m_validation->setText(failed
                              ? tr("This batch failed validation: nothing ran, so there is nothing to retry. "
                                   "Correct the file and start a new batch.") +
                                    (lines.isEmpty() ? QString() : u'\n' + lines.join(u'\n'))
                              : QString());
    m_validation->setVisible(failed);
    setRetryLinks(QString(), {});
}

void BatchDetailPane::setRetryLinks(const QString &retryOf, const QStringList &retriedBy)
{
    const auto link = [](const QString &id) {
        return QStringLiteral("<a href=\"%1\">%1</a>").arg(id.toHtmlEscaped());
    };
    QStringList parts;
    if (!retryOf.isEmpty())
        parts << tr("Retry of %1").arg(link(retryOf));
    if (!retriedBy.isEmpty()) {
        QStringList links;
        for (const QString &id : retriedBy)
            links << link(id);
        parts << tr("Retried by %1").arg(links.join(QStringLiteral(", ")));
    }
    m_links->setText(parts.join(QStringLiteral("<br>")));
    m_links->setVisible(!parts.isEmpty());
}

QString BatchDetailPane::linksText() const
{
    QTextDocument doc;
    doc.setHtml(m_links->text());
    return doc.toPlainText();
}

QString BatchDetailPane::validationText() const
{
    return m_validation->isHidden() ? QString() : m_validation->text();
}
