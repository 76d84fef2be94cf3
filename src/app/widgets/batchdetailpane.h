#pragma once

#include "core/providers/provider.h"

#include <QWidget>

class ApiClient;
class ElidedLabel;
class FilesPanel;
class PriceTable;
class ProgressChart;
struct ProgressSample;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
struct Batch;

// Everything the API says about one batch: overview and timeline, requests and usage, files, errors, metadata
// and the raw JSON. Updating the same batch keeps the user's tab and scroll position.
class BatchDetailPane : public QWidget
{
    Q_OBJECT

public:
    explicit BatchDetailPane(QWidget *parent = nullptr);

    void setClient(ApiClient *client);
    void setBatch(const Batch &batch);
    // What the batch's cost is reckoned with (batchdetailpanecost.cpp): the prices (not owned; null: no cost
    // shown) and the provider of the batches set from now on.
    void setPrices(const PriceTable *prices);
    void setProvider(Provider provider);
    // The Cost section as plain text: the sum and its breakdown, or why there is none.
    QString costText() const;
    // What was seen of the batch's progress, and the estimate drawn from it ("≈ 12 min", "no estimate").
    void setProgress(const QList<ProgressSample> &samples, const QString &eta);
    ProgressChart *progressChart() const { return m_chart; }
    QString etaText() const;
    void clear();
    void setDarkPalette(bool dark);
    // The batch's links to its retries, from the metadata key batchwatch_retry_of of the rows the window
    // holds: the batch it retries (empty: none) and the batches that retry it. Call after setBatch().
    void setRetryLinks(const QString &retryOf, const QStringList &retriedBy);
    QString linksText() const;
    QPushButton *resultsButton() const { return m_resultsButton; }
    QPushButton *newBatchButton() const { return m_newBatchButton; }
    // What the pane says of a batch that failed validation (empty for others).
    QString validationText() const;

    QString batchId() const { return m_batchId; }
    QTabWidget *tabs() const { return m_tabs; }
    FilesPanel *filesPanel() const { return m_files; }
    QString rawJson() const;
    // The overview as plain text (what a screen reader or a test reads).
    QString overviewText() const;

Q_SIGNALS:
    void resultsRequested();
    void newBatchRequested();
    // A "Retry of" / "Retried by" link was clicked.
    void batchLinkActivated(const QString &id);

private:
    QWidget *buildOverview();
    QWidget *buildJsonTab();
    void fillOverview(const Batch &batch);
    void fillTimeline(const Batch &batch);
    void fillNextSteps(const Batch &batch);
    void fillCost(const Batch &batch);
    QWidget *wrapWithEmptyText(QTableWidget *table, QLabel *empty);
    static void fillTable(QTableWidget *table, const QList<QStringList> &rows);

    QString m_batchId;
    bool m_dark = false;
    QLabel *m_placeholder;
    QTabWidget *m_tabs;
    ElidedLabel *m_title;
    QPushButton *m_resultsButton;
    QPushButton *m_newBatchButton;
    QLabel *m_links;
    QLabel *m_validation;
    QLabel *m_status;
    ElidedLabel *m_endpoint;
    ElidedLabel *m_model;
    QLabel *m_window;
    ElidedLabel *m_inputFile;
    QLabel *m_requests;
    QLabel *m_providerDetails; // what the provider reports beyond the common fields
    QLabel *m_providerDetailsTitle;
    QLabel *m_eta;
    ProgressChart *m_chart;
    QLabel *m_usage;
    QLabel *m_costTitle;
    QLabel *m_cost;
    const PriceTable *m_prices = nullptr;
    Provider m_provider = Provider::OpenAI;
    QTableWidget *m_timeline;
    FilesPanel *m_files;
    QTableWidget *m_errors;
    QLabel *m_noErrors;
    QTableWidget *m_metadata;
    QLabel *m_noMetadata;
    QPlainTextEdit *m_json;
};
