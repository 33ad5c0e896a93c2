// Result<T>: a value or an error message, in the style of std::expected (C++23), for code that must
// report what went wrong without throwing across Qt code.
#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace harness {

struct Error
{
    QString message;
    QString field; // the offending JSON field or input item, when there is one

    QString text() const { return field.isEmpty() ? message : field + QStringLiteral(": ") + message; }
};

template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) { }
    Result(Error error) : m_data(std::move(error)) { }

    static Result failure(QString message, QString field = {})
    {
        return Result(Error {std::move(message), std::move(field)});
    }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_data); }
    QString errorText() const { return ok() ? QString() : error().text(); }

private:
    std::variant<T, Error> m_data;
};

// For operations that yield nothing but may fail.
struct Done
{
};
using Status = Result<Done>;
inline Status success()
{
    return Status(Done {});
}

} // namespace harness
