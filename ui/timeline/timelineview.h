// TimelineView: paints the lanes and bars that are visible, nothing else — time runs left to right,
// one lane per task. Ctrl+wheel zooms the time axis around the mouse; click a bar to select it.
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
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void updateScrollBars();
    qint64 timeAt(int x) const; // viewport x -> ms
    double xOf(qint64 ms) const; // ms -> viewport x
    int plotWidth() const;

    TimelineData m_data;
    QHash<QString, QString> m_titles;
    double m_pxPerSec = 20.0;
    qint64 m_originMs = 0; // m_data.firstMs at the time of the last layout
    bool m_follow = true;
    int m_selLane = -1;
    int m_selBar = -1;
    int m_lastPainted = 0;
};

} // namespace harness::ui
