#pragma once

#include <QMap>
#include <QWidget>

class QTableWidget;

// The key/value pairs a new batch carries, as rows to add, edit and remove; problem() says what the
// provider would refuse (OpenAI: at most 16 pairs, keys up to 64 characters, values up to 512).
class MetadataEditor : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxPairs = 16;
    static constexpr int kMaxKey = 64;
    static constexpr int kMaxValue = 512;

    explicit MetadataEditor(QWidget *parent = nullptr);

    void addRow(const QString &key = QString(), const QString &value = QString());
    QMap<QString, QString> metadata() const;
    // Empty when the pairs can be sent.
    QString problem() const;
    // The same limits for pairs made elsewhere (a retry: the parent's metadata plus batchwatch_retry_of).
    static QString problemOf(const QMap<QString, QString> &pairs);
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void changed();

private:
    QTableWidget *m_table;
};
