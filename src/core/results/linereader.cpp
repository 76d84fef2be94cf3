#include "core/results/linereader.h"

#include <cstring>

namespace {
constexpr qint64 kChunk = 1024 * 1024;
}

LineReader::LineReader(const QString &path, qint64 maxLineLength)
    : m_file(path)
    , m_maxLength(maxLineLength)
{
    Q_ASSERT(maxLineLength > 0);
}

bool LineReader::open(QString *error)
{
    if (!m_file.open(QIODevice::ReadOnly)) {
        *error = m_file.errorString();
        return false;
    }
    m_size = m_file.size();
    return true;
}

bool LineReader::fill()
{
    // Drop what was consumed, then append one chunk.
    if (m_start > 0) {
        m_buffer.remove(0, m_start);
        m_bufferOffset += m_start;
        m_scanned -= m_start;
        m_start = 0;
    }
    const qsizetype had = m_buffer.size();
    m_buffer.resize(had + kChunk);
    const qint64 got = m_file.read(m_buffer.data() + had, kChunk);
    m_buffer.resize(had + qMax<qint64>(got, 0));
    if (got < 0) {
        m_error = m_file.errorString();
        return false;
    }
    if (got == 0)
        m_atEnd = true;
    return got > 0;
}

bool LineReader::next(Line *line)
{
    bool skipping = false;
    qint64 skippedFrom = 0;
    for (;;) {
        const char *begin = m_buffer.constData();
        const void *newline = m_scanned < m_buffer.size()
                                  ? std::memchr(begin + m_scanned, '\n', size_t(m_buffer.size() - m_scanned))
                                  : nullptr;
        qsizetype end = -1; // the line's end in m_buffer (exclusive), and where the next one starts
        qsizetype nextStart = -1;
        if (newline) {
            end = static_cast<const char *>(newline) - begin;
            nextStart = end + 1;
        } else {
            m_scanned = m_buffer.size();
            if (!skipping && m_buffer.size() - m_start > m_maxLength) {
                // Too long to hold: forget it and read on to its end.
                skipping = true;
                skippedFrom = position();
                m_bufferOffset += m_buffer.size();
                m_buffer.clear();
                m_start = m_scanned = 0;
            } else if (skipping) {
                m_bufferOffset += m_buffer.size();
                m_buffer.clear();
                m_start = m_scanned = 0;
            }
            if (!m_atEnd) {
                // A skip may run through gigabytes without returning a line: ask as it goes.
                if (skipping && m_keepGoing && !m_keepGoing(position())) {
                    m_cancelled = true;
                    return false;
                }
                if (!fill() && !m_error.isEmpty())
                    return false;
                continue; // the buffer moved: look again
            }
            if (m_start >= m_buffer.size() && !skipping)
                return false;
            end = nextStart = m_buffer.size(); // the last line, without its '\n'
        }
        if (!skipping && end - m_start > m_maxLength) {
            skipping = true;
            skippedFrom = position();
        }
        ++m_number;
        line->number = m_number;
        line->overlong = skipping;
        if (skipping) {
            line->offset = skippedFrom;
            line->bytes = QByteArray();
        } else {
            qsizetype stop = end;
            if (stop > m_start && begin[stop - 1] == '\r')
                --stop;
            qsizetype from = m_start;
            // A UTF-8 byte order mark opening the file is no part of line 1 (JSON parsers refuse it).
            if (m_number == 1 && m_bufferOffset + m_start == 0 && stop - m_start >= 3 &&
                std::memcmp(begin + m_start, "\xEF\xBB\xBF", 3) == 0) {
                m_bom = true;
                from += 3;
            }
            line->offset = m_bufferOffset + from;
            line->bytes = QByteArray::fromRawData(begin + from, stop - from);
        }
        m_start = m_scanned = nextStart;
        return true;
    }
}
