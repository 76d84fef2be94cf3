<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AlertNotifier</name>
    <message numerus="yes">
        <source>%n alerts</source>
        <translation>
            <numerusform>%n alert</numerusform>
            <numerusform>%n alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n running</numerusform>
            <numerusform>%n running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stalled</source>
        <translation>
            <numerusform>%n stalled</numerusform>
            <numerusform>%n stalled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed in 24 h</source>
        <translation>
            <numerusform>%n failed in 24 h</numerusform>
            <numerusform>%n failed in 24 h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n late for the window</source>
        <translation>
            <numerusform>%n late for the window</numerusform>
            <numerusform>%n late for the window</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failing</source>
        <translation>
            <numerusform>%n failing</numerusform>
            <numerusform>%n failing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n output expiring</source>
        <translation>
            <numerusform>%n output file expiring</numerusform>
            <numerusform>%n output files expiring</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchActions</name>
    <message numerus="yes">
        <source>Export %n batch(es)</source>
        <translation>
            <numerusform>Export %n batch</numerusform>
            <numerusform>Export %n batches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n batch(es) to %1</source>
        <translation>
            <numerusform>Exported %n batch to %1</numerusform>
            <numerusform>Exported %n batches to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n id(s)</source>
        <translation>
            <numerusform>Copied %n id</numerusform>
            <numerusform>Copied %n ids</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n batch(es)? Requests already finished keep their results; the rest stop.</source>
        <translation>
            <numerusform>Cancel %n batch? Requests already finished keep their results; the rest stop.</numerusform>
            <numerusform>Cancel %n batches? Requests already finished keep their results; the rest stop.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected batch(es) cannot be cancelled and will be left alone.</source>
        <translation>
            <numerusform>%n selected batch cannot be cancelled and will be left alone.</numerusform>
            <numerusform>%n selected batches cannot be cancelled and will be left alone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompletionNotifier</name>
    <message numerus="yes">
        <source>%n batches ended in %1</source>
        <translation>
            <numerusform>%n batch ended in %1</numerusform>
            <numerusform>%n batches ended in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batches ended</source>
        <translation>
            <numerusform>%n batch ended</numerusform>
            <numerusform>%n batches ended</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n batch(es)</source>
        <translation>
            <numerusform>%n batch</numerusform>
            <numerusform>%n batches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n running</numerusform>
            <numerusform>%n running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>%n shown</numerusform>
            <numerusform>%n shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>refreshed %1 of %2 at %3 in %n request(s)</source>
        <translation>
            <numerusform>refreshed %1 of %2 at %3 in %n request</numerusform>
            <numerusform>refreshed %1 of %2 at %3 in %n requests</numerusform>
        </translation>
    </message>
</context>
</TS>
