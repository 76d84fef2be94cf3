#include "core/api/downloadname.h"

#include <algorithm>

namespace {
constexpr int kMaxSuffix = 16; // ".jsonl", ".tar.gz": a suffix longer than this is not worth keeping whole

bool isUnsafe(QChar c)
{
    switch (c.category()) {
    case QChar::Other_Control: // C0 and C1 controls: escapes, newlines, NUL
    case QChar::Other_Format:  // bidirectional overrides, zero-width characters
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        break;
    }
    // What Windows refuses in a name (a file saved here may be copied there).
    return QStringView(u"<>:\"|?*").contains(c);
}
} // namespace

namespace DownloadName {

QString sanitized(const QString &name)
{
    // The last path component, whichever separator the server used.
    const qsizetype cut = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    const QString base = name.mid(cut + 1);
    QString clean;
    clean.reserve(base.size());
    for (qsizetype i = 0; i < base.size(); ++i) {
        const QChar c = base.at(i);
        if (c.isHighSurrogate() && i + 1 < base.size() && base.at(i + 1).isLowSurrogate()) {
            const char32_t ucs4 = QChar::surrogateToUcs4(c, base.at(i + 1));
            const auto category = QChar::category(ucs4);
            if (category != QChar::Other_Format && category != QChar::Other_NotAssigned)
                clean += QStringView(base).mid(i, 2);
            ++i;
            continue;
        }
        if (c.isSurrogate()) // a lone half: not a character
            continue;
        clean += isUnsafe(c) ? QChar(u'_') : c;
    }
    // No hidden files, and nothing a shell or a file manager trims differently.
    qsizetype first = 0;
    while (first < clean.size() && (clean.at(first) == u'.' || clean.at(first).isSpace()))
        ++first;
    qsizetype end = clean.size();
    while (end > first && (clean.at(end - 1) == u'.' || clean.at(end - 1).isSpace()))
        --end;
    clean = clean.mid(first, end - first);
    if (clean.size() > kMaxLength) {
        const qsizetype dot = clean.lastIndexOf(u'.');
        const qsizetype suffixLength = dot > 0 ? clean.size() - dot : 0;
        const QString suffix = suffixLength > 0 && suffixLength <= kMaxSuffix ? clean.mid(dot) : QString();
        QString stem = clean.left(kMaxLength - suffix.size());
        if (!stem.isEmpty() && stem.back().isHighSurrogate())
            stem.chop(1); // never half a character
        clean = stem + suffix;
    }
    Q_ASSERT(clean.size() <= kMaxLength);
    return clean;
}

QString suggested(const QString &serverName, const QString &fileId)
{
    QString name = sanitized(serverName);
    if (name.isEmpty()) {
        const QString id = sanitized(fileId);
        name =
            (id.isEmpty() ? QStringLiteral("download") : id.left(kMaxLength - 6)) + QStringLiteral(".jsonl");
    }
    return name;
}

} // namespace DownloadName
