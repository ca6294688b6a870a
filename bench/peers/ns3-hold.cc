// Hold-model benchmark for ns-3's event schedulers (the classic priority-queue benchmark: Jones 1986,
// "An empirical comparison of priority-queue and event-set implementations", CACM 29(4)).
//
// The queue is pre-filled with `pending` events; every event's handler schedules one successor at
// now + increment, so the number of pending events stays constant while `events` are dispatched. The handler
// is a plain function scheduled through Simulator::Schedule, i.e. exactly what an ns-3 model pays per event
// (EventImpl allocation, reference counting, the scheduler insert and remove, the dispatch).
//
// Increments come from a precomputed table of exponential draws (mean `meanNs`, integer nanoseconds) generated
// with xorshift32 from a fixed seed; bench/hold-increments.ts generates the same table for cnisim, so both
// engines see the same key distribution and neither pays for a random-number generator inside the loop.
//
// Usage: ns3-hold SCHEDULER PENDING EVENTS REPS MEAN_NS
//   SCHEDULER is ns3::MapScheduler, ns3::HeapScheduler, ns3::CalendarScheduler or ns3::PriorityQueueScheduler.
// Output: one CSV line per repetition: scheduler,pending,events,wall_s,cpu_s
// (wall_s from steady_clock; cpu_s is this process's CPU time, which a busy shared machine disturbs less).
#include "ns3/core-module.h"

#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace ns3;

static std::vector<uint64_t> g_incrementNs;
static uint32_t g_mask = 0;
static uint32_t g_next = 0;
static uint64_t g_dispatched = 0;
static uint64_t g_target = 0;

// Same generator and transform as bench/hold-increments.ts (xorshift32, Marsaglia 2003).
static void
FillIncrements(uint32_t size, double meanNs)
{
    g_incrementNs.resize(size);
    g_mask = size - 1;
    uint32_t x = 2463534242u;
    for (uint32_t i = 0; i < size; i++)
    {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        double u = (double)x / 4294967296.0;
        g_incrementNs[i] = (uint64_t)std::floor(-meanNs * std::log(1.0 - u));
    }
}

static double
CpuSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void
Hold()
{
    if (++g_dispatched == g_target)
    {
        Simulator::Stop();
        return;
    }
    Simulator::Schedule(NanoSeconds(g_incrementNs[g_next++ & g_mask]), &Hold);
}

int
main(int argc, char** argv)
{
    if (argc != 6)
    {
        std::fprintf(stderr, "usage: %s SCHEDULER PENDING EVENTS REPS MEAN_NS\n", argv[0]);
        return 2;
    }
    std::string scheduler = argv[1];
    uint64_t pending = std::strtoull(argv[2], nullptr, 10);
    uint64_t events = std::strtoull(argv[3], nullptr, 10);
    int reps = std::atoi(argv[4]);
    double meanNs = std::atof(argv[5]);
    FillIncrements(1u << 20, meanNs);

    for (int rep = 0; rep < reps; rep++)
    {
        ObjectFactory factory;
        factory.SetTypeId(scheduler);
        Simulator::SetScheduler(factory);
        g_next = 0;
        g_dispatched = 0;
        g_target = events;
        for (uint64_t i = 0; i < pending; i++)
        {
            Simulator::Schedule(NanoSeconds(g_incrementNs[g_next++ & g_mask]), &Hold);
        }
        double cpuStart = CpuSeconds();
        auto start = std::chrono::steady_clock::now();
        Simulator::Run();
        auto stop = std::chrono::steady_clock::now();
        double cpuSeconds = CpuSeconds() - cpuStart;
        double seconds = std::chrono::duration<double>(stop - start).count();
        std::printf("%s,%llu,%llu,%.6f,%.6f\n",
                    scheduler.c_str(),
                    (unsigned long long)pending,
                    (unsigned long long)g_dispatched,
                    seconds,
                    cpuSeconds);
        std::fflush(stdout);
        Simulator::Destroy();
    }
    return 0;
}
