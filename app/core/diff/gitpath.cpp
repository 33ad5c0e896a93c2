// GitPath: git's quote_c_style and unquote_c_style for path names.
#include "gitpath.h"

#include <cstring>

namespace harness {

namespace {

// The bytes git writes as a backslash and a letter (quote.c), and those letters, in the same order.
const char kEscaped[] = "\a\b\t\n\v\f\r\"\\";
const char kEscapeLetters[] = "abtnvfr\"\\";

bool needsQuotes(QByteArrayView utf8)
{
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\')
            return true;
    }
    return false;
}

} // namespace

qsizetype GitPath::quotedLength(QByteArrayView text)
{
    if (!text.startsWith('"'))
        return -1;
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '"')
            return i + 1;
    }
    return -1;
}

Result<QString> GitPath::unquote(QByteArrayView text)
{
    using R = Result<QString>;
    if (!text.startsWith('"')) {
        if (text.contains('\0'))
            return R::failure(QStringLiteral("a path name contains a NUL byte"));
        return QString::fromUtf8(text);
    }
    if (quotedLength(text) != text.size())
        return R::failure(
                QStringLiteral("a quoted path name is not closed, or text follows its closing quote"));
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 1; i + 1 < text.size(); ++i) {
        const char c = text[i];
        if (c != '\\') {
            out.append(c);
            continue;
        }
        const char e = text[++i];
        if (const char *named = strchr(kEscapeLetters, e); named && e != '\0') {
            out.append(kEscaped[named - kEscapeLetters]);
            continue;
        }
        const auto octal = [](char d) {
            return d >= '0' && d <= '7';
        };
        if (e < '0' || e > '3' || i + 2 >= text.size() - 1 || !octal(text[i + 1]) || !octal(text[i + 2]))
            return R::failure(
                    QStringLiteral("a quoted path name has an unknown escape \"\\%1\"")
                            .arg(QString::fromLatin1(text.sliced(i, qMin<qsizetype>(3, text.size() - i)))));
        const char byte = char((e - '0') * 64 + (text[i + 1] - '0') * 8 + (text[i + 2] - '0'));
        if (byte == '\0')
            return R::failure(QStringLiteral("a path name contains a NUL byte"));
        out.append(byte);
        i += 2;
    }
    return QString::fromUtf8(out);
}

QByteArray GitPath::quote(const QString &path)
{
    const QByteArray utf8 = path.toUtf8();
    if (!needsQuotes(utf8))
        return utf8;
    QByteArray out("\"");
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (const char *named = strchr(kEscaped, c); named && c != '\0') {
            out += '\\';
            out += kEscapeLetters[named - kEscaped];
        } else if (u < 0x20 || u >= 0x7f) {
            out += '\\';
            out += char('0' + (u >> 6));
            out += char('0' + ((u >> 3) & 7));
            out += char('0' + (u & 7));
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

} // namespace harness
