// ToolCallAssembler implementation.
#include "toolcallassembler.h"
#include "agenterror.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace harness {

ToolCallAssembler::ToolCallAssembler(qsizetype maxArgumentBytes) : m_maxArgumentBytes(maxArgumentBytes) { }

void ToolCallAssembler::reset()
{
    m_calls.clear();
    m_total = 0;
    m_error.clear();
    m_excerpt.clear();
}

void ToolCallAssembler::begin(int index, const QString &id, const QString &name)
{
    Partial &p = m_calls[index];
    if (!id.isEmpty())
        p.id = id;
    if (!name.isEmpty())
        p.name = name;
}

bool ToolCallAssembler::append(int index, const QByteArray &fragment)
{
    m_total += fragment.size();
    if (m_total > m_maxArgumentBytes) {
        m_error = QStringLiteral("the tool-call arguments exceed %1 bytes").arg(m_maxArgumentBytes);
        m_excerpt = m_calls.value(index).arguments.left(400);
        return false;
    }
    m_calls[index].arguments += fragment;
    return true;
}

void ToolCallAssembler::setArguments(int index, const QJsonObject &arguments)
{
    Partial &p = m_calls[index];
    p.object = arguments;
    p.hasObject = true;
}

Result<QList<ToolCall>> ToolCallAssembler::finish()
{
    if (!m_error.isEmpty())
        return Error {m_error, QStringLiteral("tool_calls")};
    QList<ToolCall> out;
    int position = 0;
    for (auto it = m_calls.cbegin(); it != m_calls.cend(); ++it, ++position) {
        const Partial &p = it.value();
        const QString field = QStringLiteral("tool_calls[%1]").arg(position);
        if (p.name.isEmpty()) {
            m_excerpt = p.arguments.left(400);
            return Error {QStringLiteral("a tool call arrived without a tool name"), field};
        }
        ToolCall call {p.id, p.name, {}};
        const QByteArray text = p.arguments.trimmed();
        if (!text.isEmpty()) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                m_excerpt = text.left(400);
                return Error {QStringLiteral("the arguments of tool \"%1\" are not a JSON object (%2): %3")
                                      .arg(p.name,
                                           error.error != QJsonParseError::NoError
                                                   ? error.errorString()
                                                   : QStringLiteral("not an object"),
                                           rawExcerpt(text, 200)),
                              field};
            }
            call.arguments = doc.object();
        } else if (p.hasObject) {
            call.arguments = p.object;
        }
        if (call.id.isEmpty())
            call.id = QStringLiteral("call_%1").arg(it.key());
        out.append(call);
    }
    return out;
}

} // namespace harness
