#include "core/json/jsonindent.h"

#include <QTest>

class TestJsonIndent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keysKeepTheirOrderAndStringsTheirEscapes()
    {
        const QByteArray line =
            "{\"custom_id\":\"a \\\"b\\\" \\u00e9\",\"body\":{\"model\":\"m\",\"n\":[1, 2.5e3,"
            "true,null],\"e\":{},\"f\":[ ]},\"s\":\"x:{,}[]\"}";
        const QByteArray expected = "{\n"
                                    "  \"custom_id\": \"a \\\"b\\\" \\u00e9\",\n"
                                    "  \"body\": {\n"
                                    "    \"model\": \"m\",\n"
                                    "    \"n\": [\n"
                                    "      1,\n"
                                    "      2.5e3,\n"
                                    "      true,\n"
                                    "      null\n"
                                    "    ],\n"
                                    "    \"e\": {},\n"
                                    "    \"f\": []\n"
                                    "  },\n"
                                    "  \"s\": \"x:{,}[]\"\n"
                                    "}";
        QCOMPARE(JsonIndent::indented(line), expected);
    }

    void aStringEndingInABackslashStaysWhole()
    {
        const QByteArray line = "{\"a\":\"back\\\\\",\"b\":1}";
        QCOMPARE(JsonIndent::indented(line, 1), QByteArray("{\n \"a\": \"back\\\\\",\n \"b\": 1\n}"));
    }

    void anEscapedQuoteDoesNotEndTheString()
    {
        const QByteArray line = "[\"q\\\": {, }[\"]";
        QCOMPARE(JsonIndent::indented(line), QByteArray("[\n  \"q\\\": {, }[\"\n]"));
    }

    void notJsonIsEmpty()
    {
        QVERIFY(JsonIndent::indented("{\"a\":").isEmpty());
        QVERIFY(JsonIndent::indented("not json").isEmpty());
        QVERIFY(JsonIndent::indented(QByteArray()).isEmpty());
        QCOMPARE(JsonIndent::indented("  42 "), QByteArray("42"));
    }
};

QTEST_GUILESS_MAIN(TestJsonIndent)
#include "tst_jsonindent.moc"
