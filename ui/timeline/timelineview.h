// TimelineView: paints the lanes and bars that are visible, nothing else — time runs left to right,
// one lane per task; stretches in which every run waited for a human are drawn as short breaks with
// their length. Ctrl+wheel zooms the time axis around the mouse; click a bar to select it.
#pragma once

#include "timeline/timelinedata.h"

#include <QAbstractScrollArea>

namespace harness::ui {

class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr int kLaneHeight = 28;
    static constexpr int kHeaderWidth = 150;
    static constexpr int kAxisHeight = 22;
    static constexpr int kGapWidth = 30; // a wait, however long, on screen

    explicit TimelineView(QWidget *parent = nullptr);

    void setData(const TimelineData &data);
    const TimelineData &data() const { return m_data; }
    void setTaskTitles(const QHash<QString, QString> &titles);

    double pixelsPerSecond() const { return m_pxPerSec; }
    void setPixelsPerSecond(double pps, int anchorX = -1);
    // Follow the newest events while scrolled to the end (on by default).
    bool followsLive() const { return m_follow; }

    // Selection: lane index and bar index within the lane, or -1.
    bool selectBar(int lane, int bar);
    int selectedLane() const { return m_selLane; }
    int selectedBarIndex() const { return m_selBar; }
    const TimelineBar *selectedBar() const;
    // Where a bar is drawn, in viewport coordinates (tests click it).
    QRect barRect(int lane, int bar) const;
    // Number of bars painted by the last paint (to show only visible ones are painted).
    int lastPaintedBars() const { return m_lastPainted; }
    // Scrolls so the bar is in view (without changing the scale when it fits).
    void ensureBarVisible(int lane, int bar);
    // The time at a viewport x, and the viewport x of a time (tests check zoom keeps the cursor's time).
    qint64 timeAtX(int x) const { return timeAt(x); }
    double xOfTime(qint64 ms) const { return xOf(ms); }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void scrollToEnd();

Q_SIGNALS:
    void barSelected(int lane, int bar);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void updateScrollBars();
    qint64 timeAt(int x) const; // viewport x -> ms
    double xOf(qint64 ms) const; // ms -> viewport x
    double axisOf(qint64 ms) const; // ms -> pixels from the start of the axis (gaps drawn short)
    qint64 timeOfAxis(double px) const; // the inverse
    int plotWidth() const;
    bool fitWhenSized(); // the first fit waits for the view to have its real width

    TimelineData m_data;
    QHash<QString, QString> m_titles;
    double m_pxPerSec = 20.0;
    qint64 m_originMs = 0; // m_data.firstMs at the time of the last layout
    bool m_follow = true;
    bool m_fitPending = false;
    bool m_zooming = false;
    QList<qint64> m_hiddenBefore; // per gap: the waiting time of the gaps before it
    int m_selLane = -1;
    int m_selBar = -1;
    int m_lastPainted = 0;
};

} // namespace harness::ui
