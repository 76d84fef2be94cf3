#pragma once

#include <QByteArray>
#include <QStringView>

#include <vector>

// Writes compact JSON straight into a buffer, keys in the order given: the result files of a batch of 50,000
// requests come out about ten times faster than through QJsonObject, and in the real API's key order.
class SimJsonWriter
{
public:
    explicit SimJsonWriter(QByteArray &out)
        : m_out(out)
    {
    }

    SimJsonWriter &beginObject() { return open('{'); }
    SimJsonWriter &endObject() { return close('}'); }
    SimJsonWriter &beginArray() { return open('['); }
    SimJsonWriter &endArray() { return close(']'); }
    // The key of the next value inside an object (plain ASCII, written as it is).
    SimJsonWriter &key(const char *name)
    {
        separate();
        m_out += '"';
        m_out += name;
        m_out += "\":";
        m_afterKey = true;
        return *this;
    }
    SimJsonWriter &value(QStringView text)
    {
        separate();
        m_out += '"';
        for (const char c : text.toUtf8()) {
            const auto byte = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                m_out += '\\';
                m_out += c;
            } else if (byte < 0x20) {
                static const char kHex[] = "0123456789abcdef";
                m_out += "\\u00";
                m_out += kHex[byte >> 4];
                m_out += kHex[byte & 15];
            } else {
                m_out += c;
            }
        }
        m_out += '"';
        return *this;
    }
    SimJsonWriter &value(const char *latin1) { return value(QString::fromLatin1(latin1)); }
    SimJsonWriter &value(qint64 number)
    {
        separate();
        m_out += QByteArray::number(number);
        return *this;
    }
    SimJsonWriter &value(int number) { return value(qint64(number)); }
    SimJsonWriter &value(double number)
    {
        separate();
        m_out += QByteArray::number(number, 'g', 17);
        return *this;
    }
    SimJsonWriter &null()
    {
        separate();
        m_out += "null";
        return *this;
    }

private:
    SimJsonWriter &open(char bracket)
    {
        separate();
        m_out += bracket;
        m_first.push_back(true);
        return *this;
    }
    SimJsonWriter &close(char bracket)
    {
        Q_ASSERT(!m_first.empty());
        m_first.pop_back();
        m_out += bracket;
        return *this;
    }
    // A comma before every member but the first, none between a key and its value.
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (m_first.empty())
            return;
        if (!m_first.back())
            m_out += ',';
        m_first.back() = false;
    }

    QByteArray &m_out;
    std::vector<bool> m_first; // per open container: nothing written in it yet
    bool m_afterKey = false;
};
