#pragma once

#include <QListWidget>

struct ResultSet;

// The failures of a batch by cause, largest first, with "All requests" and "All failures" above them;
// choosing one filters the Results view's rows (ResultsFilter::kAnyGroup, kAllFailures or a group index).
class ErrorGroupsList : public QListWidget
{
    Q_OBJECT

public:
    explicit ErrorGroupsList(QWidget *parent = nullptr);

    void setResults(const ResultSet *results);
    // The group chosen (ResultsFilter::kAnyGroup when none).
    int currentGroup() const;
    // Selects the entry of `group` without emitting groupChosen.
    void selectGroup(int group);
    // The row of a group's entry (-1: none).
    int rowOfGroup(int group) const;

Q_SIGNALS:
    void groupChosen(int group);
};
