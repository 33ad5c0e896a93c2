// TerminalSafeDevice: what `harness` prints shows control sequences instead of obeying them (an agent's
// plan summary or file name cannot set the clipboard, clear the screen or retitle the window), keeps
// ordinary text byte for byte, and leaves JSON meaning the same.
#include "cli/terminalsafedevice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QTest>
#include <QTextStream>

#include <cstdio>

using namespace harness;

class TestTerminalSafe : public QObject
{
    Q_OBJECT

    static QByteArray escaped(const QByteArray &in)
    {
        bool pending = false;
        QByteArray out = TerminalSafeDevice::escaped(in, &pending);
        if (pending)
            out += char(0xc2);
        return out;
    }

private Q_SLOTS:
    void controlsAreShownNotSent_data()
    {
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<QByteArray>("out");
        QTest::newRow("OSC 52 clipboard")
                << QByteArray("a\x1b]52;c;cm0=\x07z") << QByteArray("a\\x1b]52;c;cm0=\\x07z");
        QTest::newRow("clear screen") << QByteArray("\x1b[2J") << QByteArray("\\x1b[2J");
        QTest::newRow("carriage return overwrite") << QByteArray("ok\rFAIL") << QByteArray("ok\\x0dFAIL");
        QTest::newRow("backspace, NUL, DEL")
                << QByteArray("a\x08\x00\x7f", 4) << QByteArray("a\\x08\\x00\\x7f");
        QTest::newRow("C1 CSI U+009B") << QByteArray("x\xc2\x9b"
                                                     "2Jy")
                                       << QByteArray("x\\u009b2Jy");
        QTest::newRow("newline and tab kept") << QByteArray("a\tb\nc\n") << QByteArray("a\tb\nc\n");
        QTest::newRow("UTF-8 kept") << QByteArray("K\xc2\xb0 \xe2\x86\x92 \xf0\x9f\x94\xa5 \xc2\xa0")
                                    << QByteArray("K\xc2\xb0 \xe2\x86\x92 \xf0\x9f\x94\xa5 \xc2\xa0");
    }
    void controlsAreShownNotSent()
    {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        QCOMPARE(escaped(in), out);
    }

    // A C1 control split between two writes is still caught; a plain U+00A0 split the same way is kept.
    void splitSequences()
    {
        bool pending = false;
        QByteArray out = TerminalSafeDevice::escaped(QByteArray("a\xc2"), &pending);
        QVERIFY(pending);
        out += TerminalSafeDevice::escaped(QByteArray("\x9b"
                                                      "b"),
                                           &pending);
        QCOMPARE(out, QByteArray("a\\u009bb"));
        out = TerminalSafeDevice::escaped(QByteArray("\xc2"), &pending);
        out += TerminalSafeDevice::escaped(QByteArray("\xa0"), &pending);
        QCOMPARE(out, QByteArray("\xc2\xa0"));
    }

    // Through a real stream and file, as `harness` writes: JSON read back means the same.
    void jsonThroughTheDeviceKeepsItsMeaning()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        FILE *f = std::fopen(qPrintable(file.fileName()), "w");
        QVERIFY(f);
        const QString hostile = QStringLiteral("sum \u009b2J \x1b]0;t\x07 end");
        const QJsonObject object {{QStringLiteral("summary"), hostile}};
        {
            TerminalSafeDevice device(f);
            QTextStream out(&device);
            out << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
            out << "plan proposed: " << hostile << Qt::endl;
        }
        std::fclose(f);
        const QByteArray written = file.readAll();
        QVERIFY(!written.contains('\x1b'));
        QVERIFY(!written.contains("\xc2\x9b"));
        const QList<QByteArray> lines = written.split('\n');
        QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object(), object);
        QCOMPARE(lines.at(1), QByteArray("plan proposed: sum \\u009b2J \\x1b]0;t\\x07 end"));
    }
};

QTEST_GUILESS_MAIN(TestTerminalSafe)
#include "tst_terminalsafe.moc"
