// SymbolExtractor: top-level declarations per language, and what it must not mistake for one.
#include "knowledge/symbolextractor.h"

#include <QTest>

using namespace harness;

class TestSymbolExtractor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void extract_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("symbols");

        QTest::newRow("c++ header") << QStringLiteral("finding.h")
                                    << QByteArray("// comment class NotMe\n#pragma once\n#include <QString>\n"
                                                  "namespace harness {\n"
                                                  "class Forward;\n"
                                                  "enum class Severity { Info, Warning, Error };\n"
                                                  "QString severityName(Severity severity);\n"
                                                  "Result<Severity> severityFromName(const QString &name);\n"
                                                  "struct Finding\n{\n    QString file;\n    int line = 0;\n"
                                                  "    QJsonObject toJson() const;\n};\n"
                                                  "template<typename T>\nclass Result\n{\n};\n"
                                                  "class HARNESS_EXPORT Store : public QObject\n{\n"
                                                  "    Q_OBJECT\n};\n"
                                                  "inline Status success() { return Status(Done{}); }\n"
                                                  "using Status = Result<Done>;\n"
                                                  "Q_DECLARE_METATYPE(harness::Finding)\n"
                                                  "} // namespace harness\n")
                                    << QStringList {QStringLiteral("enum Severity"),
                                                    QStringLiteral("fn severityName"),
                                                    QStringLiteral("fn severityFromName"),
                                                    QStringLiteral("struct Finding"),
                                                    QStringLiteral("class Result"),
                                                    QStringLiteral("class Store"),
                                                    QStringLiteral("fn success")};
        QTest::newRow("python")
                << QStringLiteral("tool.py")
                << QByteArray("import os\n\nclass Runner(Base):\n    def run(self):\n        pass\n\n"
                              "def main():\n    pass\n\nasync def fetch(url):\n    pass\n"
                              "#def commented():\n")
                << QStringList {QStringLiteral("class Runner"), QStringLiteral("def main"),
                                QStringLiteral("def fetch")};
        QTest::newRow("typescript")
                << QStringLiteral("api.ts")
                << QByteArray("import x from 'y';\nexport function load() {}\n"
                              "export default class App {}\nexport const VERSION = 1;\n"
                              "export interface Options { a: number }\nexport type Id = string;\n"
                              "export async function save() {}\nfunction internal() {}\n"
                              "export enum Mode { A }\n")
                << QStringList {QStringLiteral("fn load"),       QStringLiteral("class App"),
                                QStringLiteral("const VERSION"), QStringLiteral("interface Options"),
                                QStringLiteral("type Id"),       QStringLiteral("fn save"),
                                QStringLiteral("enum Mode")};
        QTest::newRow("go") << QStringLiteral("server.go")
                            << QByteArray("package net\n\ntype Server struct {\n\taddr string\n}\n"
                                          "type Handler interface {\n}\ntype ID int\n"
                                          "func NewServer(addr string) *Server {\n\treturn nil\n}\n"
                                          "func (s *Server) Start() error {\n\treturn nil\n}\n")
                            << QStringList {QStringLiteral("struct Server"),
                                            QStringLiteral("interface Handler"), QStringLiteral("type ID"),
                                            QStringLiteral("fn NewServer"),
                                            QStringLiteral("fn Server.Start")};
        QTest::newRow("c++ source is not scanned")
                << QStringLiteral("main.cpp") << QByteArray("int main() {}\n") << QStringList();
        QTest::newRow("unknown language")
                << QStringLiteral("notes.txt") << QByteArray("class Foo\n") << QStringList();
    }
    void extract()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, symbols);
        QCOMPARE(SymbolExtractor::extract(SymbolExtractor::languageFor(fileName), content, 0), symbols);
    }

    void capCountsTheRest()
    {
        QByteArray py;
        for (int i = 0; i < 12; ++i)
            py += "def f" + QByteArray::number(i) + "():\n    pass\n";
        int more = -1;
        const QStringList s = SymbolExtractor::extract(SymbolExtractor::Language::Python, py, 5, &more);
        QCOMPARE(s.size(), 5);
        QCOMPARE(s.first(), QStringLiteral("def f0"));
        QCOMPARE(more, 7);
    }
};

QTEST_GUILESS_MAIN(TestSymbolExtractor)
#include "tst_symbolextractor.moc"
