// TimelineView: the horizontal scroll bar counts pixels of the time axis, the vertical one lanes.
#include "timelineview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <climits>
#include <cmath>

namespace harness::ui {

namespace {
QColor phaseColor(const QString &phase)
{
    if (phase == QLatin1String("plan"))
        return QColor(0x5c, 0x9d, 0xff);
    if (phase == QLatin1String("approve"))
        return QColor(0xf0, 0xa2, 0x02);
    if (phase == QLatin1String("build"))
        return QColor(0x2e, 0xa0, 0x43);
    if (phase == QLatin1String("verify"))
        return QColor(0x8e, 0x6b, 0xd8);
    if (phase == QLatin1String("fix"))
        return QColor(0xe3, 0x6c, 0x09);
    if (phase == QLatin1String("review"))
        return QColor(0x1b, 0x9a, 0xaa);
    return QColor(0x9a, 0xa3, 0xad);
}

// A readable tick step (in ms) for the given scale.
qint64 tickStep(double pxPerSec)
{
    static const qint64 steps[] = {10,      50,      100,     250,      500,      1000,     2000,     5000,
                                   10000,   15000,   30000,   60000,    120000,   300000,   600000,   900000,
                                   1800000, 3600000, 7200000, 21600000, 43200000, 86400000, 604800000};
    for (qint64 s : steps)
        if (double(s) / 1000.0 * pxPerSec >= 90)
            return s;
    return 604800000;
}
} // namespace

TimelineView::TimelineView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("timelineView"));
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    horizontalScrollBar()->setSingleStep(40);
    verticalScrollBar()->setSingleStep(1);
    setFocusPolicy(Qt::StrongFocus);
}

void TimelineView::setData(const TimelineData &data)
{
    const bool atEnd = horizontalScrollBar()->value() >= horizontalScrollBar()->maximum() - 2;
    const bool first = m_data.isEmpty();
    m_data = data;
    m_originMs = m_data.firstMs;
    m_hiddenBefore.clear();
    qint64 hidden = 0;
    for (const TimelineGap &g : std::as_const(m_data.gaps)) {
        m_hiddenBefore.append(hidden);
        hidden += g.endMs - g.startMs;
    }
    if (m_selLane >= m_data.lanes.size() ||
        (m_selLane >= 0 && m_selBar >= m_data.lanes[m_selLane].bars.size()))
        m_selLane = m_selBar = -1;
    if (first && !m_data.isEmpty()) {
        m_fitPending = true; // a view not yet laid out would fit the run into a few pixels
        fitWhenSized();
    }
    updateScrollBars();
    if (m_follow && atEnd)
        scrollToEnd();
    viewport()->update();
}

void TimelineView::setTaskTitles(const QHash<QString, QString> &titles)
{
    m_titles = titles;
    viewport()->update();
}

int TimelineView::plotWidth() const
{
    return qMax(1, viewport()->width() - kHeaderWidth);
}

bool TimelineView::fitWhenSized()
{
    if (!m_fitPending || !isVisible() || plotWidth() < 120)
        return false;
    m_fitPending = false;
    zoomToFit();
    scrollToEnd();
    return true;
}

double TimelineView::axisOf(qint64 ms) const
{
    const QList<TimelineGap> &gaps = m_data.gaps;
    // The gaps that start before ms.
    auto it = std::upper_bound(gaps.cbegin(), gaps.cend(), ms,
                               [](qint64 v, const TimelineGap &g) { return v < g.startMs; });
    const int before = int(it - gaps.cbegin());
    if (before == 0)
        return double(ms - m_originMs) / 1000.0 * m_pxPerSec;
    const TimelineGap &g = gaps[before - 1];
    const qint64 hidden = m_hiddenBefore[before - 1];
    const double gapStart =
            double(g.startMs - m_originMs - hidden) / 1000.0 * m_pxPerSec + (before - 1) * kGapWidth;
    if (ms < g.endMs)
        return gapStart + double(ms - g.startMs) / double(qMax<qint64>(1, g.endMs - g.startMs)) * kGapWidth;
    return gapStart + kGapWidth + double(ms - g.endMs) / 1000.0 * m_pxPerSec;
}

qint64 TimelineView::timeOfAxis(double px) const
{
    const QList<TimelineGap> &gaps = m_data.gaps;
    // The last gap that starts at or before px on the axis.
    int lo = 0, hi = int(gaps.size());
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        const double start =
                double(gaps[mid].startMs - m_originMs - m_hiddenBefore[mid]) / 1000.0 * m_pxPerSec +
                mid * kGapWidth;
        if (start <= px)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return m_originMs + qint64(px / m_pxPerSec * 1000.0);
    const int i = lo - 1;
    const TimelineGap &g = gaps[i];
    const double start =
            double(g.startMs - m_originMs - m_hiddenBefore[i]) / 1000.0 * m_pxPerSec + i * kGapWidth;
    if (px < start + kGapWidth)
        return g.startMs + qint64((px - start) / kGapWidth * double(g.endMs - g.startMs));
    return g.endMs + qint64((px - start - kGapWidth) / m_pxPerSec * 1000.0);
}

void TimelineView::updateScrollBars()
{
    const int total = int(qMin(2.0e9, axisOf(m_data.lastMs))) + 40;
    horizontalScrollBar()->setPageStep(plotWidth());
    horizontalScrollBar()->setRange(0, qMax(0, total - plotWidth()));
    const int visibleLanes = qMax(1, (viewport()->height() - kAxisHeight) / kLaneHeight);
    verticalScrollBar()->setPageStep(visibleLanes);
    verticalScrollBar()->setRange(0, qMax(0, int(m_data.lanes.size()) - visibleLanes));
}

double TimelineView::xOf(qint64 ms) const
{
    return kHeaderWidth + axisOf(ms) - horizontalScrollBar()->value();
}

qint64 TimelineView::timeAt(int x) const
{
    return timeOfAxis(double(x - kHeaderWidth + horizontalScrollBar()->value()));
}

void TimelineView::setPixelsPerSecond(double pps, int anchorX)
{
    pps = qBound(1e-4, pps, 5000.0);
    if (anchorX < kHeaderWidth)
        anchorX = kHeaderWidth + plotWidth() / 2;
    const qint64 anchorMs = timeAt(anchorX);
    m_pxPerSec = pps;
    m_fitPending = false; // the user chose a scale
    // The range must reach far enough for the anchor to stay under the cursor, even past the end.
    updateScrollBars();
    const double offset = axisOf(anchorMs) - (anchorX - kHeaderWidth);
    QScrollBar *bar = horizontalScrollBar();
    const QScopedValueRollback<bool> zooming(m_zooming, true);
    if (offset > bar->maximum())
        bar->setRange(0, int(qMin(2.0e9, offset)));
    bar->setValue(int(qBound(0.0, offset, 2.0e9)));
    // The reader chose where to look: new events no longer scroll the view ("Now" follows them again).
    m_follow = false;
    viewport()->update();
}

void TimelineView::zoomIn()
{
    setPixelsPerSecond(m_pxPerSec * 1.5);
}

void TimelineView::zoomOut()
{
    setPixelsPerSecond(m_pxPerSec / 1.5);
}

void TimelineView::zoomToFit()
{
    // The waits are drawn short, so the work is what fills the width.
    qint64 hidden = 0;
    for (const TimelineGap &g : std::as_const(m_data.gaps))
        hidden += g.endMs - g.startMs;
    const double spanSec = qMax(0.01, double(m_data.lastMs - m_data.firstMs - hidden) / 1000.0);
    const double room = qMax(40.0, double(plotWidth() - 40 - int(m_data.gaps.size()) * kGapWidth));
    m_pxPerSec = qBound(1e-4, room / spanSec, 5000.0);
    updateScrollBars();
    horizontalScrollBar()->setValue(0);
    m_follow = true;
    viewport()->update();
}

void TimelineView::ensureBarVisible(int lane, int bar)
{
    const QRect r = barRect(lane, bar);
    if (r.isNull())
        return;
    QScrollBar *h = horizontalScrollBar();
    if (r.right() > viewport()->width() || r.left() < kHeaderWidth)
        h->setValue(h->value() + r.left() - kHeaderWidth - qMax(0, (plotWidth() - r.width()) / 2));
    QScrollBar *v = verticalScrollBar();
    if (lane < v->value() || lane >= v->value() + v->pageStep())
        v->setValue(lane);
}

void TimelineView::scrollToEnd()
{
    horizontalScrollBar()->setValue(horizontalScrollBar()->maximum());
    m_follow = true;
}

const TimelineBar *TimelineView::selectedBar() const
{
    if (m_selLane < 0 || m_selLane >= m_data.lanes.size() || m_selBar < 0 ||
        m_selBar >= m_data.lanes[m_selLane].bars.size())
        return nullptr;
    return &m_data.lanes[m_selLane].bars[m_selBar];
}

bool TimelineView::selectBar(int lane, int bar)
{
    if (lane < 0 || lane >= m_data.lanes.size() || bar < 0 || bar >= m_data.lanes[lane].bars.size())
        return false;
    m_selLane = lane;
    m_selBar = bar;
    viewport()->update();
    Q_EMIT barSelected(lane, bar);
    return true;
}

QRect TimelineView::barRect(int lane, int bar) const
{
    if (lane < 0 || lane >= m_data.lanes.size() || bar < 0 || bar >= m_data.lanes[lane].bars.size())
        return {};
    const TimelineBar &b = m_data.lanes[lane].bars[bar];
    const int y = kAxisHeight + (lane - verticalScrollBar()->value()) * kLaneHeight + 4;
    const double x0 = xOf(b.startMs);
    const double x1 = qMax(x0 + 3.0, xOf(b.endMs));
    return QRect(QPoint(int(x0), y), QPoint(int(x1), y + kLaneHeight - 9));
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QPalette pal = palette();
    const int w = viewport()->width(), h = viewport()->height();
    const int firstLane = verticalScrollBar()->value();
    const int lastLane = qMin(int(m_data.lanes.size()) - 1, firstLane + (h - kAxisHeight) / kLaneHeight + 1);
    const qint64 visStart = timeAt(kHeaderWidth);
    const qint64 visEnd = timeAt(w);
    int painted = 0;

    // Lane stripes and bars.
    p.setClipRect(kHeaderWidth, kAxisHeight, w - kHeaderWidth, h - kAxisHeight);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    for (int lane = firstLane; lane <= lastLane; ++lane) {
        const int y = kAxisHeight + (lane - firstLane) * kLaneHeight;
        if (lane % 2)
            p.fillRect(kHeaderWidth, y, w - kHeaderWidth, kLaneHeight, pal.alternateBase());
        const TimelineLane &L = m_data.lanes[lane];
        int lastPixel = INT_MIN;
        for (int i = TimelineData::firstBarFrom(L, visStart); i < L.bars.size(); ++i) {
            const TimelineBar &b = L.bars[i];
            if (b.startMs > visEnd)
                break;
            if (b.endMs < visStart)
                continue;
            const double x0 = xOf(b.startMs);
            const double x1 = qMax(x0 + 3.0, xOf(b.endMs));
            if (int(x1) <= lastPixel && !(lane == m_selLane && i == m_selBar))
                continue; // several bars share this pixel column: one is enough
            lastPixel = int(x1);
            const QRectF r(x0, y + 4, x1 - x0, kLaneHeight - 9);
            const QColor c = phaseColor(b.phase);
            p.setPen(b.errors ? QPen(QColor(0xd7, 0x3a, 0x49), 1.5) : QPen(c.darker(130), 1));
            p.setBrush(b.open ? c.lighter(125) : c);
            p.drawRect(r);
            if (lane == m_selLane && i == m_selBar) {
                p.setPen(QPen(pal.highlight(), 2.5));
                p.setBrush(Qt::NoBrush);
                p.drawRect(r.adjusted(-2, -2, 2, 2));
            }
            if (r.width() > 40) {
                p.setPen(Qt::black);
                const QString label =
                        b.phase + (b.iteration > 1 ? QStringLiteral(" #%1").arg(b.iteration) : QString());
                p.drawText(r.adjusted(4, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft,
                           p.fontMetrics().elidedText(label, Qt::ElideRight, int(r.width() - 6)));
            }
            ++painted;
        }
    }
    // The waits, drawn short: a hatched band with how long it was.
    for (const TimelineGap &g : std::as_const(m_data.gaps)) {
        if (g.endMs < visStart || g.startMs > visEnd)
            continue;
        const double x0 = xOf(g.startMs), x1 = xOf(g.endMs);
        const QRectF band(x0, kAxisHeight, x1 - x0, h - kAxisHeight);
        QColor shade = pal.color(QPalette::Mid);
        shade.setAlpha(60);
        p.fillRect(band, QBrush(shade, Qt::BDiagPattern));
    }
    p.setClipping(false);

    // Time axis.
    p.fillRect(0, 0, w, kAxisHeight, pal.window());
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(0, kAxisHeight - 1, w, kAxisHeight - 1);
    if (!m_data.isEmpty()) {
        const qint64 step = tickStep(m_pxPerSec);
        const QString format = step < 1000 ? QStringLiteral("hh:mm:ss.zzz")
                : step < 86400000          ? QStringLiteral("hh:mm:ss")
                                           : QStringLiteral("yyyy-MM-dd");
        p.setPen(pal.color(QPalette::WindowText));
        double lastLabelEnd = -1e9;
        for (qint64 t = (visStart / step) * step; t <= visEnd; t += step) {
            // No ticks inside a wait: continue after it.
            for (const TimelineGap &g : std::as_const(m_data.gaps))
                if (t > g.startMs && t < g.endMs)
                    t = ((g.endMs + step - 1) / step) * step;
            const double x = xOf(t);
            if (x < kHeaderWidth || x < lastLabelEnd)
                continue;
            const QString label = QDateTime::fromMSecsSinceEpoch(t).toLocalTime().toString(format);
            p.drawLine(QPointF(x, kAxisHeight - 6), QPointF(x, kAxisHeight - 1));
            p.drawText(QPointF(x + 3, kAxisHeight - 8), label);
            lastLabelEnd = x + 3 + p.fontMetrics().horizontalAdvance(label) + 6;
        }
        for (const TimelineGap &g : std::as_const(m_data.gaps)) {
            if (g.endMs < visStart || g.startMs > visEnd)
                continue;
            const double x0 = xOf(g.startMs);
            if (x0 + kGapWidth < kHeaderWidth)
                continue;
            const qint64 minutes = (g.endMs - g.startMs) / 60000;
            const QString length =
                    minutes >= 1 ? tr("%1 min").arg(minutes) : tr("%1 s").arg((g.endMs - g.startMs) / 1000);
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QRectF(x0 - 20, 0, kGapWidth + 40, kAxisHeight - 6), Qt::AlignCenter,
                       QStringLiteral("⋯ %1").arg(length));
            p.setPen(pal.color(QPalette::WindowText));
        }
    }

    // Lane headers.
    p.fillRect(0, kAxisHeight, kHeaderWidth, h, pal.window());
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(kHeaderWidth - 1, 0, kHeaderWidth - 1, h);
    p.setPen(pal.color(QPalette::WindowText));
    for (int lane = firstLane; lane <= lastLane; ++lane) {
        const int y = kAxisHeight + (lane - firstLane) * kLaneHeight;
        const TimelineLane &L = m_data.lanes[lane];
        const QString title = m_titles.value(L.taskId);
        const QString text = title.isEmpty() ? L.taskId : L.taskId + QStringLiteral(" ") + title;
        p.drawText(QRect(6, y, kHeaderWidth - 10, kLaneHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   p.fontMetrics().elidedText(text, Qt::ElideRight, kHeaderWidth - 12));
    }
    m_lastPainted = painted;
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (!fitWhenSized())
        updateScrollBars();
}

void TimelineView::showEvent(QShowEvent *event)
{
    QAbstractScrollArea::showEvent(event);
    fitWhenSized();
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double factor = std::pow(1.0015, event->angleDelta().y());
        setPixelsPerSecond(m_pxPerSec * factor, int(event->position().x()));
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (pos.y() < kAxisHeight || pos.x() < kHeaderWidth)
        return;
    const int lane = verticalScrollBar()->value() + (pos.y() - kAxisHeight) / kLaneHeight;
    if (lane >= m_data.lanes.size())
        return;
    const TimelineLane &L = m_data.lanes[lane];
    const qint64 slack = qint64(3.0 / m_pxPerSec * 1000.0) + 1; // bars are at least 3 px wide
    const qint64 t = timeAt(pos.x());
    // Of the bars under the mouse (at least 3 px wide each), the one whose time span is nearest wins.
    int hit = -1;
    qint64 best = 0;
    for (int i = TimelineData::firstBarFrom(L, t - slack); i < L.bars.size(); ++i) {
        const TimelineBar &b = L.bars[i];
        if (b.startMs > t + slack)
            break;
        if (!barRect(lane, i).adjusted(-1, 0, 1, 0).contains(pos))
            continue;
        const qint64 distance = t < b.startMs ? b.startMs - t : t > b.endMs ? t - b.endMs : 0;
        if (hit < 0 || distance < best) {
            hit = i;
            best = distance;
        }
    }
    if (hit >= 0)
        selectBar(lane, hit);
}

void TimelineView::scrollContentsBy(int, int)
{
    if (!m_zooming)
        m_follow = horizontalScrollBar()->value() >= horizontalScrollBar()->maximum() - 2;
    viewport()->update();
}

} // namespace harness::ui
