// ImportExtractor: what each language's sources depend on, on real snippets, with line and column.
#include "rules/importextractor.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace harness;

Q_DECLARE_METATYPE(harness::SourceLanguage)

class tst_ImportExtractor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void extracts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QStringList>("expected"); // "spec@line:column"

        QTest::newRow("cpp-basic")
                << "a.cpp"
                << QByteArray("// Task model.\n#include \"core/task.h\"\n#include <QString>\n\nint x;\n")
                << QStringList {"core/task.h@2:11", "QString@3:11"};
        QTest::newRow("cpp-spacing") << "a.h"
                                     << QByteArray("  #  include   \"x.h\" // why\n#\tinclude<sys/types.h>\n")
                                     << QStringList {"x.h@1:17", "sys/types.h@2:11"};
        QTest::newRow("cpp-block-comment") << "a.cc"
                                           << QByteArray("/*\n#include \"hidden.h\"\n*/\n#include "
                                                         "\"shown.h\"\n/* c */ #include \"after.h\"\n")
                                           << QStringList {"shown.h@4:11", "after.h@5:19"};
        QTest::newRow("cpp-line-comment")
                << "a.cpp" << QByteArray("// #include \"no.h\"\n#include \"yes.h\"\n")
                << QStringList {"yes.h@2:11"};
        QTest::newRow("cpp-comment-in-string")
                << "a.cpp" << QByteArray("const char *s = \"/*\";\n#include \"seen.h\"\n")
                << QStringList {"seen.h@2:11"};
        QTest::newRow("cpp-include-next-import")
                << "a.mm" << QByteArray("#include_next <limits.h>\n#import <Foundation/Foundation.h>\n")
                << QStringList {"limits.h@1:16", "Foundation/Foundation.h@2:10"};
        QTest::newRow("cpp-macro-include-ignored")
                << "a.cpp" << QByteArray("#include HEADER\n#define X 1\n") << QStringList {};

        QTest::newRow("py-imports") << "m.py"
                                    << QByteArray("import os\nimport os.path as p, json\nfrom pkg.sub import "
                                                  "thing\nfrom . import sibling\n"
                                                  "from ..up import x\n")
                                    << QStringList {"os@1:8",      "os.path@2:8", "json@2:22",
                                                    "pkg.sub@3:6", ".@4:6",       "..up@5:6"};
        QTest::newRow("py-docstring") << "m.py" << QByteArray("\"\"\"\nimport hidden\n\"\"\"\nimport shown\n")
                                      << QStringList {"shown@4:8"};
        QTest::newRow("py-indented")
                << "m.py" << QByteArray("def f():\n    import lazy\n    from a.b import (c,\n        d)\n")
                << QStringList {"lazy@2:12", "a.b@3:10"};

        QTest::newRow("js-es") << "a.ts"
                               << QByteArray("import React from 'react';\nimport { a,\n  b } from "
                                             "\"./util\";\nimport './side.css';\n"
                                             "export * from '../lib/index.js';\n")
                               << QStringList {"react@1:20", "./util@3:13", "./side.css@4:9",
                                               "../lib/index.js@5:16"};
        QTest::newRow("js-require-dynamic")
                << "a.js"
                << QByteArray("const fs = require('fs');\nconst m = await import(\"./lazy\");\n"
                              "// import x from 'commented'\nArray.from('abc');\n")
                << QStringList {"fs@1:21", "./lazy@2:25"};
        QTest::newRow("js-type-import") << "a.tsx" << QByteArray("import type { T } from '@scope/pkg';\n")
                                        << QStringList {"@scope/pkg@1:25"};

        QTest::newRow("go-single") << "main.go" << QByteArray("package main\n\nimport \"fmt\"\n")
                                   << QStringList {"fmt@3:9"};
        QTest::newRow("go-block") << "main.go"
                                  << QByteArray("package main\n\nimport (\n\t\"net/http\"\n\tlog "
                                                "\"example.com/m/log\" // ours\n\t_ \"embed\"\n)\n"
                                                "\nvar s = \"import (\\\"no\\\")\"\n")
                                  << QStringList {"net/http@4:3", "example.com/m/log@5:7", "embed@6:5"};
        QTest::newRow("go-oneline-block")
                << "x.go" << QByteArray("import (\"a/b\")\n") << QStringList {"a/b@1:10"};
        QTest::newRow("unknown-language")
                << "notes.txt" << QByteArray("#include \"x.h\"\nimport os\n") << QStringList {};
    }
    void extracts()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, source);
        QFETCH(QStringList, expected);
        QStringList got;
        for (const Import &i : ImportExtractor::extract(ImportExtractor::languageOf(file), source))
            got << QStringLiteral("%1@%2:%3").arg(i.spec).arg(i.line).arg(i.column);
        QCOMPARE(got, expected);
    }

    void languageFromFileName_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<SourceLanguage>("language");
        QTest::newRow("cpp") << "a/b.cpp" << SourceLanguage::Cpp;
        QTest::newRow("hpp-upper") << "B.HPP" << SourceLanguage::Cpp;
        QTest::newRow("py") << "x.py" << SourceLanguage::Python;
        QTest::newRow("mjs") << "x.mjs" << SourceLanguage::JavaScript;
        QTest::newRow("go") << "x.go" << SourceLanguage::Go;
        QTest::newRow("dir-dot") << "a.d/Makefile" << SourceLanguage::None;
        QTest::newRow("none") << "README" << SourceLanguage::None;
    }
    void languageFromFileName()
    {
        QFETCH(QString, file);
        QFETCH(SourceLanguage, language);
        QCOMPARE(ImportExtractor::languageOf(file), language);
    }

    // JavaScript imports are searched only in the lines around "import", "export" and "require": the
    // same imports, lines and columns as a search of the whole text, comments and odd bytes included.
    void windowedJavascriptScanFindsWhatAWholeScanFinds()
    {
        static const char *pieces[] = {"import",
                                       "export",
                                       "require",
                                       " from ",
                                       "from",
                                       "(",
                                       ")",
                                       "'",
                                       "\"",
                                       "`",
                                       ";",
                                       "//",
                                       "\n",
                                       " ",
                                       "  ",
                                       "{ a, b }",
                                       "* as ns",
                                       "./util",
                                       "../lib/x",
                                       "react",
                                       "ä",
                                       "日本",
                                       "\xEF\xBB\xBF",
                                       "\xFF",
                                       ".",
                                       "$",
                                       "x",
                                       "/* c */",
                                       "\r\n",
                                       "import x from './a';",
                                       "require('./b')",
                                       "export * from \"../c\"",
                                       "import('./d')",
                                       "import './e';"};
        QRandomGenerator rng(4711);
        int total = 0;
        for (int round = 0; round < 4000; ++round) {
            QByteArray content;
            for (int i = 0, n = 1 + int(rng.bounded(50)); i < n; ++i)
                content += pieces[rng.bounded(int(std::size(pieces)))];
            if (round % 100 == 0) // far apart in a large file
                content = QByteArray(5000, 'z') + "\n" + content + "\n" + QByteArray(5000, 'z') + "\n" +
                        content;
            ImportExtractor::setWindowedScanAllowed(true);
            const QList<Import> windowed = ImportExtractor::javascriptImports(content);
            ImportExtractor::setWindowedScanAllowed(false);
            const QList<Import> whole = ImportExtractor::javascriptImports(content);
            ImportExtractor::setWindowedScanAllowed(true);
            if (windowed != whole) // the message is built only for a failure
                QFAIL(qPrintable(
                        QStringLiteral("round %1: %2 (%3 vs %4 imports)")
                                .arg(QString::number(round), QString::fromUtf8(content.toPercentEncoding()),
                                     QString::number(windowed.size()), QString::number(whole.size()))));
            total += int(whole.size());
        }
        QVERIFY2(total > 300, qPrintable(QString::number(total)));
    }

    // A file an agent wrote may hold one very long line of imports: the comment check looks at each
    // line once, so this stays linear (it took minutes when every import searched its line again).
    void manyImportsOnOneLineStayLinear()
    {
        QByteArray content;
        for (int i = 0; i < 40000; ++i)
            content += "import x from 'y' ";
        QElapsedTimer timer;
        timer.start();
        const QList<Import> imports = ImportExtractor::javascriptImports(content);
        QCOMPARE(imports.size(), 40000);
        QCOMPARE(imports.last().column, int(content.size()) - 2);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void angledIncludesAreMarked()
    {
        const QList<Import> imports =
                ImportExtractor::cppIncludes("#include <vector>\n#include \"local.h\"\n");
        QCOMPARE(imports.size(), 2);
        QVERIFY(imports.at(0).angled);
        QVERIFY(!imports.at(1).angled);
    }
};

QTEST_GUILESS_MAIN(tst_ImportExtractor)
#include "tst_importextractor.moc"
