<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountSession</name>
    <message>
        <location filename="../../src/core/session/accountsession.cpp" line="98"/>
        <source>Working without a cache: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/session/accountsession.cpp" line="144"/>
        <source>it holds %1 rows where it recorded %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/session/accountsession.cpp" line="150"/>
        <source>Could not read the whole cache (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountSwitcher</name>
    <message>
        <location filename="../../src/app/widgets/accountswitcher.cpp" line="12"/>
        <source>&amp;Show account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/accountswitcher.cpp" line="16"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/accountswitcher.cpp" line="17"/>
        <source>The account shown (Ctrl+1 to Ctrl+9; Ctrl+0: all accounts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/accountswitcher.cpp" line="49"/>
        <source>All accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/accountswitcher.cpp" line="49"/>
        <source>&amp;All accounts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <location filename="../../src/app/appcontroller.cpp" line="150"/>
        <source>Demo unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/appcontroller.cpp" line="151"/>
        <source>The demo could not open a port on this machine. Add an account with its key in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchActions</name>
    <message>
        <location filename="../../src/app/batchactions.cpp" line="34"/>
        <source>Nothing to export: no batches are %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/batchactions.cpp" line="39"/>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/batchactions.cpp" line="39"/>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/batchactions.cpp" line="39"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/batchactions.cpp" line="42"/>
        <source>Export %n batch(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/app/batchactions.cpp" line="55"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/batchactions.cpp" line="59"/>
        <source>Exported %n batch(es) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/batchactions.cpp" line="85"/>
        <source>Copied %n id(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/app/batchactions.cpp" line="96"/>
        <source>None of the selected batches can be cancelled now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/batchactions.cpp" line="100"/>
        <source>Cancel %n batch(es)? Requests already finished keep their results; the rest stop.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/batchactions.cpp" line="103"/>
        <source>%n selected batch(es) cannot be cancelled and will be left alone.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/app/batchactions.cpp" line="105"/>
        <source>Cancel batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/batchactions.cpp" line="124"/>
        <source>Cancellation requested; the batches show &quot;cancelling&quot; until they stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/batchactions.cpp" line="126"/>
        <source>Some batches were not cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/batchactions.cpp" line="134"/>
        <source>its account is gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/batchactions.cpp" line="154"/>
        <source>Only batches on api.openai.com have a page in the OpenAI dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchDetailPane</name>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="58"/>
        <source>Select a batch to see everything the API says about it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="71"/>
        <source>&amp;Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="74"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="74"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="74"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="74"/>
        <source>Param</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="75"/>
        <source>Batch errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="78"/>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="238"/>
        <source>&amp;Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="79"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="79"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="80"/>
        <source>Batch metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="84"/>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="246"/>
        <source>&amp;Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="85"/>
        <source>&amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="132"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="132"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="73"/>
        <source>F&amp;iles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="76"/>
        <source>No errors reported for this batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="82"/>
        <source>No metadata on this batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="132"/>
        <source>Elapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="133"/>
        <source>Time since the batch was created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="134"/>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="141"/>
        <source>Res&amp;ults...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="143"/>
        <source>&amp;New batch...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="164"/>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="165"/>
        <source>Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="166"/>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="167"/>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="168"/>
        <source>Input file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="170"/>
        <source>&lt;b&gt;Timeline&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="173"/>
        <source>&lt;b&gt;Requests&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="175"/>
        <source>&lt;b&gt;Reported by the provider&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="180"/>
        <source>&lt;b&gt;Usage&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="196"/>
        <source>Raw JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="197"/>
        <source>Copy JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="238"/>
        <source>&amp;Errors (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="247"/>
        <source>&amp;Metadata (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="269"/>
        <source> (the provider says &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="273"/>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="280"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="282"/>
        <source>(not reported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="288"/>
        <source>No request counts reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="290"/>
        <source>Counted once validation ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="291"/>
        <source>No requests ran.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="295"/>
        <source>%1 of %2 done (%3%)&lt;br&gt;%4 completed, %5 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="301"/>
        <source>Not reported (batches created before September 2025 carry no usage).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="305"/>
        <source>Input: %1 tokens (cached %2)&lt;br&gt;Output: %3 tokens (reasoning %4)&lt;br&gt;Total: %5 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="315"/>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="327"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="315"/>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="316"/>
        <source>Finalizing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="316"/>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="317"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="317"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="318"/>
        <source>Cancelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="318"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="319"/>
        <source>Window ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="374"/>
        <source>Estimated time left: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpanesteps.cpp" line="16"/>
        <source>Every request of the batch with its outcome, errors by cause, and Retry (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpanesteps.cpp" line="17"/>
        <source>The results can be read once the batch has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpanesteps.cpp" line="24"/>
        <source>... and %1 more under Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpanesteps.cpp" line="27"/>
        <source>Line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpanesteps.cpp" line="30"/>
        <source>This batch failed validation: nothing ran, so there is nothing to retry. Correct the file and start a new batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpanesteps.cpp" line="45"/>
        <source>Retry of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpanesteps.cpp" line="50"/>
        <source>Retried by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchTableView</name>
    <message>
        <location filename="../../src/app/widgets/batchtableview.cpp" line="70"/>
        <source>Batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchtableview.cpp" line="93"/>
        <source>Reset columns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompletionNotifier</name>
    <message>
        <location filename="../../src/app/completionnotifier.cpp" line="19"/>
        <source>Batchwatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/completionnotifier.cpp" line="57"/>
        <source>completed %1, %2 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/completionnotifier.cpp" line="58"/>
        <source>completed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/completionnotifier.cpp" line="60"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/completionnotifier.cpp" line="60"/>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/completionnotifier.cpp" line="62"/>
        <source>expired with %1 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/completionnotifier.cpp" line="64"/>
        <source>cancelled with %1 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/completionnotifier.cpp" line="96"/>
        <source>Batch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/completionnotifier.cpp" line="97"/>
        <source>Batch %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/completionnotifier.cpp" line="110"/>
        <source>%n batches ended in %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/completionnotifier.cpp" line="111"/>
        <source>%n batches ended</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ElidedLabel</name>
    <message>
        <location filename="../../src/app/widgets/elidedlabel.cpp" line="62"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../../src/app/widgets/errorbanner.cpp" line="11"/>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/errorbanner.cpp" line="12"/>
        <source>Open Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/errorbanner.cpp" line="30"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/errorbanner.cpp" line="38"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorGroupsList</name>
    <message>
        <location filename="../../src/app/results/errorgroupslist.cpp" line="17"/>
        <source>Error groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/errorgroupslist.cpp" line="37"/>
        <source>All requests (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/errorgroupslist.cpp" line="40"/>
        <source>All failures (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/errorgroupslist.cpp" line="52"/>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/errorgroupslist.cpp" line="53"/>
        <source>no code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/errorgroupslist.cpp" line="58"/>
        <source>%1 requests failed like this, e.g.:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/errorgroupslist.cpp" line="62"/>
        <source>%1 more groups (search to find them)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilesPanel</name>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="37"/>
        <source>Input file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="37"/>
        <source>Output file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="37"/>
        <source>Error file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="48"/>
        <source>Download...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="49"/>
        <source>Download %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="52"/>
        <source>%1 download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="69"/>
        <location filename="../../src/app/widgets/filespanel.cpp" line="79"/>
        <location filename="../../src/app/widgets/filespanel.cpp" line="81"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="71"/>
        <source>not yet (written when the batch ends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="76"/>
        <source>results of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="98"/>
        <source>JSON Lines, one result per request, in no particular order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="103"/>
        <location filename="../../src/app/widgets/filespanel.cpp" line="123"/>
        <source>Reading size and expiry...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="112"/>
        <source>expires %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="115"/>
        <source>no expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="129"/>
        <source>Size and expiry unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="160"/>
        <source>Save %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="161"/>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="198"/>
        <source>Saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filespanel.cpp" line="199"/>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="25"/>
        <source>Search id, endpoint, model, file or metadata (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="27"/>
        <source>Search batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="30"/>
        <source>&amp;Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="33"/>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="33"/>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="33"/>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="33"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="34"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="34"/>
        <source>Between...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="35"/>
        <source>Created date range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="44"/>
        <source>Created on or after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/filterbar.cpp" line="45"/>
        <source>Created before</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/app/mainwindowswitcher.cpp" line="58"/>
        <source>All accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowswitcher.cpp" line="117"/>
        <location filename="../../src/app/mainwindowsessions.cpp" line="97"/>
        <source>Loading more batches failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowlayout.cpp" line="30"/>
        <source>&lt;b&gt;Demo data&lt;/b&gt;: a simulated account on this machine. Add your API key in &lt;a href=&apos;settings&apos;&gt;Settings&lt;/a&gt; to watch your own batches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowlayout.cpp" line="67"/>
        <source>Account summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowlayout.cpp" line="96"/>
        <source>No batches match the filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowlayout.cpp" line="97"/>
        <source>Loading batches...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowlayout.cpp" line="98"/>
        <source>No batches to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="26"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="30"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="31"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="32"/>
        <source>&amp;Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="44"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="51"/>
        <source>Load &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="60"/>
        <source>&amp;Find...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="62"/>
        <source>&amp;Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="71"/>
        <source>&amp;New batch...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="73"/>
        <source>&amp;Export selection...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="74"/>
        <location filename="../../src/app/mainwindowactions.cpp" line="209"/>
        <source>selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="75"/>
        <source>Export &amp;shown...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="76"/>
        <source>shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="82"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="83"/>
        <source>Res&amp;ults...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="91"/>
        <source>&amp;Cancel batches...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="145"/>
        <source>Not connected to an account yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="148"/>
        <source>Only batches on api.openai.com have a page in the OpenAI dashboard; this account is on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="149"/>
        <source>this machine (demo data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="151"/>
        <location filename="../../src/app/mainwindowactions.cpp" line="159"/>
        <location filename="../../src/app/mainwindowactions.cpp" line="171"/>
        <source>Select a batch first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="153"/>
        <source>Opens the selected batches (at most five) on platform.openai.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="161"/>
        <source>%1 has not ended: its results are read once it has.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="162"/>
        <source>Every request of %1 with its outcome, errors by cause, and Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="173"/>
        <source>Saves %1&apos;s output file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="174"/>
        <source>Saves %1&apos;s error file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="176"/>
        <source>%1 has no output file yet: it is written when the batch ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="177"/>
        <source>%1 has no error file yet: it is written when the batch ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="179"/>
        <source>%1 ended without an output file (no request completed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="180"/>
        <source>%1 ended without an error file (no request failed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="79"/>
        <source>Se&amp;ttings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="91"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowlayout.cpp" line="43"/>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="94"/>
        <source>Copy &amp;IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="96"/>
        <source>Download &amp;output file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="99"/>
        <source>Download e&amp;rror file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="102"/>
        <source>Open in the OpenAI &amp;dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="136"/>
        <source>Demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowswitcher.cpp" line="118"/>
        <location filename="../../src/app/mainwindowsessions.cpp" line="85"/>
        <source>Refresh failed; the rows shown are from the last good refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="178"/>
        <source>Cache cleared; it fills again as batches load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="207"/>
        <source>Copy ID(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="208"/>
        <source>Export selection...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="211"/>
        <source>Cancel...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="219"/>
        <source>Download output file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="220"/>
        <source>Download error file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="228"/>
        <source>Open in the OpenAI dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="25"/>
        <source>Could not load batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="36"/>
        <source>could not connect to %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="38"/>
        <source>%1 did not answer in time (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="41"/>
        <source>%1 refused the API key; check it in Settings (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="43"/>
        <source>the API key may not read batches on %1; check the key, organization and project in Settings (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindowmessages.cpp" line="64"/>
        <source>%n batch(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindowmessages.cpp" line="65"/>
        <source>%n running</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindowmessages.cpp" line="67"/>
        <source>%n shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="69"/>
        <source>loading more failed (Retry or Load all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="70"/>
        <source>more on the server (scroll or Load all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="72"/>
        <source>loading...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="75"/>
        <source>refreshing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="77"/>
        <source>refresh failed at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindowmessages.cpp" line="80"/>
        <source>refreshed %1 of %2 at %3 in %n request(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="87"/>
        <source>next in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowmessages.cpp" line="91"/>
        <source>auto-refresh off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowresults.cpp" line="37"/>
        <source>Created %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetadataEditor</name>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="16"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="16"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="19"/>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="23"/>
        <source>&amp;Add pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="24"/>
        <source>Re&amp;move pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="76"/>
        <source>Metadata row %1 has a value but no key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="78"/>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="98"/>
        <source>Metadata key &quot;%1&quot; is longer than %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="80"/>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="102"/>
        <source>The value of &quot;%1&quot; is longer than %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="82"/>
        <source>Metadata key &quot;%1&quot; is there twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="86"/>
        <source>At most %1 metadata pairs; there are %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="93"/>
        <source>At most %1 metadata pairs; there would be %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/metadataeditor.cpp" line="96"/>
        <source>A metadata pair has no key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewBatchDialog</name>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="28"/>
        <source>New batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="36"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="41"/>
        <source>&amp;Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="44"/>
        <source>A JSONL file of requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="45"/>
        <source>Input file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="50"/>
        <source>&amp;Choose...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="55"/>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="60"/>
        <source>Completion window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="61"/>
        <source>Completion &amp;window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="67"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="68"/>
        <source>Ca&amp;ncel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="88"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="88"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="88"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="94"/>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="98"/>
        <source>Metadata:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="108"/>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="114"/>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="173"/>
        <source>Choose a file to check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="148"/>
        <source>Choose a JSONL file of requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="149"/>
        <source>JSON Lines (*.jsonl *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="173"/>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="254"/>
        <source>No account to send to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="184"/>
        <source>Checking...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="199"/>
        <source>Check cancelled: nothing can be sent before the file is checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="206"/>
        <source>The file passed the check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="207"/>
        <source>1 problem: fix the file, then check it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="208"/>
        <source>%1 problems: fix the file, then check it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="210"/>
        <source>1 request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="211"/>
        <source>%1 requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="212"/>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="214"/>
        <source>model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="216"/>
        <source>endpoint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="217"/>
        <source>about %1 input tokens (an estimate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="222"/>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="232"/>
        <source>Problems (the first %1 of %2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="235"/>
        <source>Problems:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="256"/>
        <source>Sending...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="258"/>
        <source>Choose a file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="260"/>
        <source>The file is being checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="262"/>
        <source>Sent as %1; choose another file for another batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="264"/>
        <source>The batch may have been created: refresh the main window and check before sending again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="266"/>
        <source>The file has problems, or was not checked: nothing is sent while a problem stands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="268"/>
        <source>A Gemini batch needs the model that runs it: name it in the lines (request.model).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="283"/>
        <source>Uploads the file and creates the batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="302"/>
        <source>Creating the batch...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="306"/>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="311"/>
        <source>Uploading...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="330"/>
        <source>Created %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="331"/>
        <source>Created %1. It is selected in the main window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="339"/>
        <source>May have been created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="340"/>
        <source>The batch may have been created: refresh before sending again (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="343"/>
        <source>Cancelled; nothing was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="344"/>
        <source>Not created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/newbatch/newbatchdialog.cpp" line="348"/>
        <source>The file was uploaded as %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <location filename="../../src/app/widgets/progresschart.cpp" line="113"/>
        <source>Progress over time appears once Batchwatch has seen this batch move.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/progresschart.cpp" line="33"/>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/progresschart.cpp" line="34"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/progresschart.cpp" line="51"/>
        <source>Progress over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/progresschart.cpp" line="112"/>
        <source>No progress over time: this batch had ended before Batchwatch saw it run.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressDelegate</name>
    <message>
        <location filename="../../src/app/widgets/progressdelegate.cpp" line="70"/>
        <source>finalizing · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="57"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="59"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="61"/>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="63"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="65"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="67"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="69"/>
        <source>ETA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="71"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="73"/>
        <source>Expires in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="75"/>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="77"/>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="79"/>
        <source>Output file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="81"/>
        <source>Error file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="83"/>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="85"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="87"/>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="113"/>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="247"/>
        <source>No request counts yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/batch/batchcolumns.cpp" line="248"/>
        <source>%1 completed, %2 failed, of %3 requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/export/batchexporter.cpp" line="154"/>
        <location filename="../../src/core/export/batchexporter.cpp" line="160"/>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/export/batchexporter.cpp" line="165"/>
        <source>cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/export/batchformat.cpp" line="89"/>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/export/batchformat.cpp" line="91"/>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/export/batchformat.cpp" line="93"/>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/export/batchformat.cpp" line="95"/>
        <source>yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/export/batchformat.cpp" line="97"/>
        <source>%1 d ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/export/batchformat.cpp" line="123"/>
        <source>no estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/core/export/batchformat.cpp" line="124"/>
        <source>&lt; 1 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestView</name>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="28"/>
        <source>Request (input line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="29"/>
        <location filename="../../src/app/results/requestview.cpp" line="33"/>
        <location filename="../../src/app/results/requestview.cpp" line="97"/>
        <location filename="../../src/app/results/requestview.cpp" line="106"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="32"/>
        <source>Request as uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="51"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="52"/>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="84"/>
        <source>The line could not be read back: the file is gone or changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="86"/>
        <source>%1 (first 4 MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="89"/>
        <source>Request, input line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="89"/>
        <location filename="../../src/app/results/requestview.cpp" line="105"/>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="91"/>
        <source>This provider keeps no input file: only the result is known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="92"/>
        <source>The input file does not hold this custom_id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="95"/>
        <source>Result (error file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="96"/>
        <source>Result (output file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="98"/>
        <source>Not run: this request is in neither result file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/requestview.cpp" line="103"/>
        <source>Choose a row to see its request and result.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsRetry</name>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="51"/>
        <location filename="../../src/app/results/resultsretry.cpp" line="57"/>
        <source>Could not write the lines to retry: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="63"/>
        <source>Nothing to retry: no request of this kind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="71"/>
        <location filename="../../src/app/results/resultsretry.cpp" line="86"/>
        <location filename="../../src/app/results/resultsretry.cpp" line="122"/>
        <source>Retry requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="72"/>
        <source>The retry of %1 requests of %2 cannot be sent as it is: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="76"/>
        <source>The new batch would carry this batch&apos;s metadata plus %1. Nothing was sent. Export the rows or use &quot;batchwatch retry --dry-run&quot;, then New batch with fewer metadata pairs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="87"/>
        <source>Send %1 requests of %2 again as a new batch?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="90"/>
        <source>%1 lines (%2 bytes), about %3 input tokens (an estimate). The new batch has the same endpoint and completion window, and its metadata names this batch (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="97"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="115"/>
        <source>Not sent: the account of %1 is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="120"/>
        <source>Uploading %1 requests...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="121"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="133"/>
        <source>Creating the batch...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="153"/>
        <source>Created %1, retrying %2 requests of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="160"/>
        <source>The batch may have been created: refresh before sending again (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="163"/>
        <source>Retry cancelled; nothing was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="165"/>
        <source>The retry was not created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultsretry.cpp" line="167"/>
        <source>The lines were uploaded as %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsTableModel</name>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="72"/>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="74"/>
        <source>not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="79"/>
        <location filename="../../src/models/resultstablemodel.cpp" line="80"/>
        <source>failed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="80"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="167"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="169"/>
        <source>Custom ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="171"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="173"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="175"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="177"/>
        <source>Tokens in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="179"/>
        <source>Tokens out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/models/resultstablemodel.cpp" line="181"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsWindow</name>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="51"/>
        <source>Results of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="96"/>
        <source>&amp;Load again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="97"/>
        <source>&amp;New batch...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="111"/>
        <source>Loading results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="112"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="129"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="170"/>
        <source>Results summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="176"/>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="213"/>
        <source>Search custom IDs, errors and answers (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="215"/>
        <source>Search requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="222"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="223"/>
        <source>All outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="224"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="225"/>
        <source>Not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="226"/>
        <source>Failed or not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="227"/>
        <source>Ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="230"/>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="233"/>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="278"/>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="283"/>
        <source>This batch failed validation: nothing ran, so there is nothing to retry. Fix the input and start a new batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="334"/>
        <source>Loading results...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="334"/>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="64"/>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="124"/>
        <source>No results loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="339"/>
        <source>%1 ok, %2 failed, %3 not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="342"/>
        <source> · showing %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="346"/>
        <source> · 1 warning, listed below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="347"/>
        <source> · %1 warnings, listed below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindow.cpp" line="349"/>
        <source> · opened in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="22"/>
        <source>&amp;Shown rows...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="23"/>
        <source>&amp;All rows...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="26"/>
        <source>Writes the rows as CSV or JSONL (by the file&apos;s extension), in input order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="60"/>
        <source>This batch failed validation: nothing ran. Start a new batch from a corrected file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="62"/>
        <source>The account of this batch is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="64"/>
        <source>The results are still loading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="66"/>
        <source>The provider keeps no input file for this batch, so its requests cannot be sent again as they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="70"/>
        <source>The results were not read in full or disagree with the batch&apos;s counts (see the warnings): a request that reads as not run may have run, and sending it again would run it twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="73"/>
        <source>A retry is being sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="75"/>
        <source>Sends requests that did not succeed again, as a new batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="80"/>
        <source>Retry &amp;failed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="81"/>
        <source>Retry &amp;not run (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="82"/>
        <source>Retry &amp;both (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="91"/>
        <source>Retry this error &amp;group (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="92"/>
        <source>Retry this error &amp;group (choose one on the left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="158"/>
        <source>Export shown rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="158"/>
        <source>Export all rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="160"/>
        <source>CSV (*.csv);;JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="169"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="169"/>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowactions.cpp" line="172"/>
        <source>Wrote %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowfetch.cpp" line="39"/>
        <source>The account of this batch is gone: its results cannot be fetched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowfetch.cpp" line="52"/>
        <source>Starting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowfetch.cpp" line="65"/>
        <source>Reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowfetch.cpp" line="65"/>
        <source>Downloading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowfetch.cpp" line="85"/>
        <source>Loading cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowfetch.cpp" line="88"/>
        <source>The files of this batch have expired: the provider no longer keeps them, so its results cannot be shown. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/results/resultswindowfetch.cpp" line="93"/>
        <source>Could not load the results: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="5"/>
        <source>Batchwatch Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="9"/>
        <location filename="../../ui/settingsdialog.ui" line="17"/>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="23"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="24"/>
        <source>&amp;Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="25"/>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>sk-...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <location filename="../../src/app/account/settingsdialog.cpp" line="234"/>
        <source>&amp;Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>https://api.openai.com/v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>&amp;Organization:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>optional, org-...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>optional, proj_...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>&amp;Refresh automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>&amp;Every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>e.g. Team A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>Pro&amp;ject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>API &amp;version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>empty: the v1 API; or e.g. 2024-10-21</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source>Send the stored key to this account too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="41"/>
        <source>&amp;Tell me when a batch ends:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="45"/>
        <source>Always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="46"/>
        <source>Only when something failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="47"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="56"/>
        <source>Forget the batches kept on this machine for the account shown; they load again from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="32"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialog.ui" line="55"/>
        <source>C&amp;lear cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="46"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="49"/>
        <source>%1 (environment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="50"/>
        <source>From the environment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="124"/>
        <source>New account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="143"/>
        <source> (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="195"/>
        <source>From the environment: change its variables to change it, or duplicate it to keep a copy here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="199"/>
        <source>No account yet: Add one, or set a provider&apos;s key variable (e.g. OPENAI_API_KEY).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="234"/>
        <source>Endpo&amp;int:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="235"/>
        <source>https://RESOURCE.openai.azure.com (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="249"/>
        <source>The key comes from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="250"/>
        <source>set in the environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="253"/>
        <source>unchanged (stored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="254"/>
        <source>the account&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="259"/>
        <source>The stored key belongs to %1. Enter the key for this server and scope, or tick the box below to send the same key here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="262"/>
        <source>&amp;Send the key stored for %1 here too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="269"/>
        <source>A key is stored in the system keychain; type a new one to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="271"/>
        <source>A key entered here is stored in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="285"/>
        <location filename="../../src/app/account/settingsdialog.cpp" line="302"/>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="299"/>
        <source>an account from the environment is named &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/account/settingsdialog.cpp" line="266"/>
        <source>No system keychain is available: a key entered here is kept for this session only and never written to disk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusFilterPanel</name>
    <message>
        <location filename="../../src/app/widgets/statusfilterpanel.cpp" line="34"/>
        <location filename="../../src/app/widgets/statusfilterpanel.cpp" line="66"/>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/statusfilterpanel.cpp" line="39"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/statusfilterpanel.cpp" line="45"/>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/statusfilterpanel.cpp" line="47"/>
        <source>Check statuses to show only batches in them; each row shows how many batches are in that status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/statusfilterpanel.cpp" line="67"/>
        <source>Each account&apos;s number of batches; choose one to show only it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/statusfilterpanel.cpp" line="98"/>
        <source>%1 batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/statusfilterpanel.cpp" line="99"/>
        <source>Last refresh failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/statusfilterpanel.cpp" line="104"/>
        <source>All accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/statusfilterpanel.cpp" line="132"/>
        <source>%1 batches %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
