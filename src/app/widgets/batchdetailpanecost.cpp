// The detail pane's Cost section: what the batch cost at batch prices and how (input, cached and output
// tokens times their prices), or why it has no cost.
#include "app/widgets/batchdetailpane.h"

#include "core/batch/batch.h"
#include "core/cost/batchcost.h"
#include "core/export/batchformat.h"

#include <QLabel>
#include <QTextDocumentFragment>

namespace {
QString perMillion(double price, const QString &currency)
{
    return QObject::tr("%1 per million").arg(QString::number(price, 'g', 6) + u' ' + currency);
}
} // namespace

void BatchDetailPane::setPrices(const PriceTable *prices)
{
    m_prices = prices;
}

void BatchDetailPane::setProvider(Provider provider)
{
    m_provider = provider;
}

QString BatchDetailPane::costText() const
{
    return QTextDocumentFragment::fromHtml(m_cost->text()).toPlainText();
}

void BatchDetailPane::fillCost(const Batch &b)
{
    m_costTitle->setVisible(m_prices != nullptr);
    m_cost->setVisible(m_prices != nullptr);
    if (!m_prices)
        return;
    BatchCost::Missing why = BatchCost::Missing::None;
    const std::optional<double> cost = BatchCost::of(b, m_provider, *m_prices, &why);
    const QString currency = m_prices->currency();
    if (!cost) {
        switch (why) {
        case BatchCost::Missing::NoUsage:
            m_cost->setText(b.status.isTerminal() ? tr("None: the batch reports no usage.")
                                                  : tr("None yet: the batch reports no usage."));
            break;
        case BatchCost::Missing::NoModel:
            m_cost->setText(tr("None: the batch names no model to price."));
            break;
        default:
            m_cost->setText(tr("None: no price for the model %1. Add it to %2.")
                                .arg(b.model.toHtmlEscaped(), PriceTable::userFilePath().toHtmlEscaped()));
            break;
        }
        return;
    }
    const ModelPrice price = m_prices->price(m_provider, b.model).value_or(ModelPrice());
    const BatchUsage &u = *b.usage;
    const qint64 cached = qBound<qint64>(0, u.cachedTokens, qMax<qint64>(0, u.inputTokens));
    const qint64 uncached = qMax<qint64>(0, u.inputTokens) - cached;
    const qint64 output = qMax<qint64>(0, u.outputTokens);
    const auto line = [&](const QString &what, qint64 tokens, double perM) {
        // Escaped: a small sum reads "<$0.01", which rich text would take for a tag.
        return tr("%1: %2 tokens at %3 = %4")
            .arg(what, BatchFormat::count(tokens), perMillion(perM, currency),
                 BatchCost::format(double(tokens) * perM / 1e6, currency))
            .toHtmlEscaped();
    };
    m_cost->setText(tr("<b>%1</b> at batch prices (updated %2)")
                        .arg(BatchCost::format(*cost, currency).toHtmlEscaped(),
                             m_prices->updated().isEmpty() ? tr("on an unknown date") : m_prices->updated()) +
                    QStringLiteral("<br>") + line(tr("Input"), uncached, price.input) +
                    QStringLiteral("<br>") + line(tr("Cached input"), cached, price.cachedInput) +
                    QStringLiteral("<br>") + line(tr("Output"), output, price.output));
}
