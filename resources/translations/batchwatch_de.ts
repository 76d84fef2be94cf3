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
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="57"/>
        <source>Select a batch to see everything the API says about it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="70"/>
        <source>&amp;Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="73"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="73"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="73"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="73"/>
        <source>Param</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="74"/>
        <source>Batch errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="77"/>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="212"/>
        <source>&amp;Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="78"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="78"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="79"/>
        <source>Batch metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="83"/>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="220"/>
        <source>&amp;Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="84"/>
        <source>&amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="131"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="131"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="72"/>
        <source>F&amp;iles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="75"/>
        <source>No errors reported for this batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="81"/>
        <source>No metadata on this batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="131"/>
        <source>Elapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="132"/>
        <source>Time since the batch was created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="133"/>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="139"/>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="140"/>
        <source>Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="141"/>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="142"/>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="143"/>
        <source>Input file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="145"/>
        <source>&lt;b&gt;Timeline&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="148"/>
        <source>&lt;b&gt;Requests&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="150"/>
        <source>&lt;b&gt;Reported by the provider&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="155"/>
        <source>&lt;b&gt;Usage&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="171"/>
        <source>Raw JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="172"/>
        <source>Copy JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="212"/>
        <source>&amp;Errors (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="221"/>
        <source>&amp;Metadata (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="243"/>
        <source> (the provider says &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="247"/>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="254"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="256"/>
        <source>(not reported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="262"/>
        <source>No request counts reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="264"/>
        <source>Counted once validation ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="265"/>
        <source>No requests ran.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="269"/>
        <source>%1 of %2 done (%3%)&lt;br&gt;%4 completed, %5 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="275"/>
        <source>Not reported (batches created before September 2025 carry no usage).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="279"/>
        <source>Input: %1 tokens (cached %2)&lt;br&gt;Output: %3 tokens (reasoning %4)&lt;br&gt;Total: %5 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="289"/>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="301"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="289"/>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="290"/>
        <source>Finalizing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="290"/>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="291"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="291"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="292"/>
        <source>Cancelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="292"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="293"/>
        <source>Window ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/widgets/batchdetailpane.cpp" line="348"/>
        <source>Estimated time left: %1</source>
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
        <location filename="../../src/app/mainwindowactions.cpp" line="70"/>
        <source>&amp;Export selection...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="71"/>
        <location filename="../../src/app/mainwindowactions.cpp" line="186"/>
        <source>selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="72"/>
        <source>Export &amp;shown...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="73"/>
        <source>shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="79"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="80"/>
        <source>&amp;Cancel batches...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="130"/>
        <source>Not connected to an account yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="133"/>
        <source>Only batches on api.openai.com have a page in the OpenAI dashboard; this account is on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="134"/>
        <source>this machine (demo data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="136"/>
        <location filename="../../src/app/mainwindowactions.cpp" line="148"/>
        <source>Select a batch first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="138"/>
        <source>Opens the selected batches (at most five) on platform.openai.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="150"/>
        <source>Saves %1&apos;s output file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="151"/>
        <source>Saves %1&apos;s error file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="153"/>
        <source>%1 has no output file yet: it is written when the batch ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="154"/>
        <source>%1 has no error file yet: it is written when the batch ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="156"/>
        <source>%1 ended without an output file (no request completed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="157"/>
        <source>%1 ended without an error file (no request failed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="76"/>
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
        <location filename="../../src/app/mainwindowactions.cpp" line="83"/>
        <source>Copy &amp;IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="85"/>
        <source>Download &amp;output file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="88"/>
        <source>Download e&amp;rror file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="91"/>
        <source>Open in the OpenAI &amp;dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="134"/>
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
        <location filename="../../src/app/mainwindow.cpp" line="176"/>
        <source>Cache cleared; it fills again as batches load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="184"/>
        <source>Copy ID(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="185"/>
        <source>Export selection...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="188"/>
        <source>Cancel...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="196"/>
        <source>Download output file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="197"/>
        <source>Download error file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowactions.cpp" line="205"/>
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
