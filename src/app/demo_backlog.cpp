#include "app/demo_backlog.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "app/audit.hpp"
#include "app/backlog/backlog_settings.hpp"
#include "app/backlog/items.hpp"
#include "app/crypto.hpp"
#include "domain/rank.hpp"

namespace tl::app {
namespace {

namespace json = boost::json;
using domain::ItemType;

// One item of the demo backlog as written below; the seed turns it into a domain::Item.
struct Spec {
    ItemType type = ItemType::kStory;
    int parent = -1;  // index into the list; -1: none
    std::string ref;  // a name for links and comments
    std::string title;
    std::string description;
    std::vector<std::string> criteria;
    std::size_t ticked = 0;  // the first `ticked` criteria are checked (all when done)
    std::optional<double> points;
    std::vector<std::string> labels;
    std::string status = "new";
    std::string assignee;  // a demo handle
    std::string author = "bob";
    std::string risk;
    std::vector<std::string> customers;
    // Unset: bugs and high-risk items are high, tech debt low, the rest medium.
    std::optional<domain::Priority> priority;

    Spec& Ref(std::string r) {
        ref = std::move(r);
        return *this;
    }
    Spec& Points(double p) {
        points = p;
        return *this;
    }
    Spec& Criteria(std::vector<std::string> c, std::size_t checked = 0) {
        criteria = std::move(c);
        ticked = checked;
        return *this;
    }
    Spec& Labels(std::vector<std::string> l) {
        labels = std::move(l);
        return *this;
    }
    Spec& Status(std::string s) {
        status = std::move(s);
        return *this;
    }
    Spec& Assign(std::string handle) {
        assignee = std::move(handle);
        return *this;
    }
    Spec& By(std::string handle) {
        author = std::move(handle);
        return *this;
    }
    Spec& Risk(std::string r) {
        risk = std::move(r);
        return *this;
    }
    Spec& Customers(std::vector<std::string> c) {
        customers = std::move(c);
        return *this;
    }
    Spec& Urgency(domain::Priority p) {
        priority = p;
        return *this;
    }
};

struct LinkSpec {
    std::string source;
    domain::LinkKind kind;
    std::string target;
};

struct CommentSpec {
    std::string item;
    std::string author;
    std::string body;
};

// Items in backlog order (rank and key number follow it). Each item's parent is the latest
// item one level up, so children are written right below their parent.
class Builder {
public:
    Spec& Epic(std::string title, std::string description) {
        return Add(ItemType::kEpic, std::move(title), std::move(description));
    }
    Spec& Feature(std::string title, std::string description) {
        return Add(ItemType::kFeature, std::move(title), std::move(description));
    }
    Spec& Story(std::string title, std::string description) {
        return Add(ItemType::kStory, std::move(title), std::move(description));
    }
    Spec& Bug(std::string title, std::string description) {
        return Add(ItemType::kBug, std::move(title), std::move(description));
    }
    Spec& Spike(std::string title, std::string description) {
        return Add(ItemType::kSpike, std::move(title), std::move(description));
    }
    Spec& Debt(std::string title, std::string description) {
        return Add(ItemType::kTechDebt, std::move(title), std::move(description));
    }
    Spec& Task(std::string title, std::string description = "") {
        return Add(ItemType::kTask, std::move(title), std::move(description));
    }

    std::vector<Spec> specs;

private:
    Spec& Add(ItemType type, std::string title, std::string description) {
        const int level = domain::Level(type);
        Spec s;
        s.type = type;
        s.parent = level > 0 ? latest_[level - 1] : -1;
        s.title = std::move(title);
        s.description = std::move(description);
        specs.push_back(std::move(s));
        latest_[level] = static_cast<int>(specs.size()) - 1;
        for (int below = level + 1; below < 4; ++below) {
            latest_[below] = -1;
        }
        return specs.back();
    }

    std::array<int, 4> latest_{-1, -1, -1, -1};
};

const std::vector<std::string> kCustomers = {"Nordwind Energy",
                                             "Baltic Rail Services",
                                             "AgriSense Co-op",
                                             "Harbourline Ports",
                                             "Alpine Survey Group"};

std::vector<Spec> DemoItems() {
    Builder b;

    // 1. Flight time: the PO's pick for this series, so it is on top.
    b.Epic("45-minute flight time",
           "## Why\n"
           "Survey and inspection pilots land every 28 minutes today to swap batteries. Customers "
           "told us at the spring trade fair that **45 minutes** with a 500 g payload would let "
           "them cover a wind farm row or a rail section in one flight.\n\n"
           "## Scope\n"
           "- a higher-density battery pack\n"
           "- a lighter airframe\n"
           "- more efficient propulsion\n\n"
           "Out of scope: hydrogen or tethered flight (see the SkyLift AI line).")
        .Ref("flight")
        .Status("in_progress")
        .Labels({"battery", "flight-time"})
        .Risk("high")
        .Customers({"Nordwind Energy", "Baltic Rail Services"});
    b.Feature("High-density battery pack",
              "A 6S solid-state pack with about 30 % more energy per kilogram than the X1 pack, "
              "in the same battery bay.")
        .Status("in_progress")
        .Labels({"battery"})
        .Risk("high");
    b.Story("Integrate the 6S 8,000 mAh solid-state pack",
            "As a **pilot** I want the new pack to fit and lock like the old one, so that I can "
            "swap it in the field without tools.\n\n"
            "Supplier datasheet: *SSB-8000 rev C*.")
        .Ref("pack")
        .Points(8)
        .Status("done")
        .Assign("dave")
        .Labels({"battery", "hardware"})
        .Criteria({"Given a charged pack, when it is inserted, then it locks with one click and "
                   "the drone reports its charge within 2 seconds",
                   "Given a pack at 100 %, when the drone hovers with a 500 g payload, then the "
                   "pack stays below 60 °C",
                   "Given a pack is removed in flight mode, then the drone refuses to arm"});
    b.Task("Update the battery bay CAD for the new pack").Status("done").Assign("dave");
    b.Task("Order 20 pre-series packs from the supplier").Status("done").By("alice");
    b.Story("Show remaining flight time in minutes, not only percent",
            "As a **pilot** I want to see how many minutes I have left, so that I can decide "
            "whether to finish the survey line or return.\n\n"
            "The estimate uses the current draw over the last 30 seconds.")
        .Ref("minutes")
        .Points(5)
        .Status("in_progress")
        .Assign("dave")
        .Labels({"battery", "app"})
        .Criteria({"Given the drone is flying, when the pilot looks at the app, then the "
                   "remaining time is shown in whole minutes",
                   "Given the current draw changes by more than 20 %, then the estimate is "
                   "updated within 10 seconds",
                   "Given less than 5 minutes remain, then the figure turns red"},
                  1);
    b.Task("Calibrate the discharge curve on 10 test flights").Status("in_progress").Assign("dave");
    b.Spike("Evaluate silicon-anode cells from the second supplier",
            "Time-boxed to 3 days. Compare energy density, cycle life and price per Wh with the "
            "solid-state cells; write the result into the decision log.")
        .Points(3)
        .Status("done")
        .Labels({"battery", "supplier"})
        .Criteria({"Given both cell samples, when each runs 50 charge cycles, then the capacity "
                   "loss of each is recorded"});
    b.Bug("Battery percentage jumps from 18 % to 5 % in cold weather",
          "Reported by Baltic Rail Services at -8 °C.\n\n"
          "**Steps:** fly at below 0 °C for 20 minutes.\n"
          "**Expected:** a steady decline. **Actual:** a jump, then a forced landing.")
        .Ref("cold")
        .Points(3)
        .Status("done")
        .Assign("dave")
        .Labels({"battery", "firmware"})
        .Risk("high")
        .Customers({"Baltic Rail Services"})
        .Criteria({"Given an outside temperature of -10 °C, when the pack discharges, then the "
                   "reported percentage never drops by more than 2 points at once"},
                  1);
    b.Feature("Lighter airframe",
              "Every 100 g saved is about 90 seconds more flight. Target: 2.1 kg take-off weight "
              "without payload.")
        .Ref("airframe")
        .Status("in_progress")
        .Labels({"airframe"});
    b.Story("Carbon-fibre arms replace the aluminium ones",
            "As a **pilot** I want a lighter drone that is as stiff as today's, so that I gain "
            "flight time without losing image stability.")
        .Points(8)
        .Status("done")
        .Assign("dave")
        .Labels({"airframe", "hardware"})
        .Criteria({"Given the new arms, when the airframe is weighed, then it is at least 180 g "
                   "lighter",
                   "Given a 5 m/s gust in the wind tunnel, then the arm deflection is no larger "
                   "than with aluminium arms"});
    b.Story("Drop the landing-gear weight below 120 g",
            "As a **pilot** I want lighter landing gear so that the drone flies longer.")
        .Points(5)
        .Status("ready")
        .Labels({"airframe", "hardware"})
        .Criteria({"Given the new landing gear, when weighed, then it is below 120 g",
                   "Given a landing at 2 m/s on concrete, then the gear shows no damage"});
    b.Debt("Turn the weight budget spreadsheet into a tracked bill of materials",
           "The weight budget lives in a spreadsheet on a shared drive; nobody knows which "
           "version is current.")
        .Points(2)
        .Labels({"airframe"});
    b.Feature("Efficient propulsion",
              "New propellers and smarter motor control: about 6 minutes of the 17 we need.")
        .Ref("propulsion")
        .Labels({"propulsion"});
    b.Story("Low-noise 13-inch propellers with 6 % better efficiency",
            "As an **inspection customer** I want quieter and more efficient propellers, so "
            "that we may fly near homes and fly longer.")
        .Ref("props")
        .Points(5)
        .Labels({"propulsion", "hardware"})
        .Criteria({"Given a hover at 2.4 kg, when measured on the test stand, then the power "
                   "draw is at least 6 % below today's propellers",
                   "Given a hover at 3 m, then the noise is at most 68 dB(A) at 10 m"});
    b.Story("Motor controller ramps throttle by flight phase (eco mode)",
            "As a **pilot** I want an eco mode for long survey lines, so that the motors do not "
            "waste energy on sharp accelerations.")
        .Points(13)
        .Status("ready")
        .Labels({"propulsion", "firmware"})
        .Criteria({"Given eco mode is on, when the drone flies a straight line, then the "
                   "acceleration is limited to 2 m/s²",
                   "Given eco mode is on, when the pilot pushes the stick fully, then the "
                   "drone still reaches full speed within 3 seconds"});
    b.Spike("Which motor part can come from the cheaper supplier?",
            "The imported stator assembly costs 41 € per motor. A second supplier quotes 29 €. "
            "Find out whether their part meets our temperature and tolerance specifications.")
        .Ref("supplier")
        .By("alice")
        .Labels({"propulsion", "supplier", "cost"});
    b.Story("Endurance test: 45 minutes of hover with a 500 g payload",
            "As the **Product Owner** I want proof on a real flight that the series reaches 45 "
            "minutes, so that marketing can announce it.\n\n"
            "Needs the new pack, the carbon arms and the new propellers together.")
        .Ref("endurance")
        .Points(20)
        .Labels({"flight-time", "test-flight"})
        .Risk("high")
        .Customers({"Nordwind Energy"})
        .Criteria({"Given a full pack and a 500 g payload, when the drone hovers at 10 m in "
                   "less than 5 m/s of wind, then it lands on its own after at least 45 minutes",
                   "Given the same flight, then the pack never exceeds 60 °C"});

    // 2. Camera and imaging: the other half of the series question.
    b.Epic("Camera & imaging",
           "## Why\n"
           "Better images are the other half of the question for this series. Inspection "
           "customers need to read a 2 mm crack from 10 m; survey customers need sharp, "
           "geotagged photos for photogrammetry.\n\n"
           "## Scope\n"
           "- 4K/60 on a stabilised gimbal\n"
           "- low-light imaging\n"
           "- a photo workflow for surveys")
        .Ref("camera")
        .Status("in_progress")
        .Labels({"camera"})
        .Risk("medium")
        .Customers({"Nordwind Energy", "Alpine Survey Group", "Harbourline Ports"});
    b.Feature("4K/60 gimbal camera",
              "A 1-inch sensor on a three-axis gimbal, recording 4K at 60 fps.")
        .Ref("gimbal")
        .Status("in_progress")
        .Labels({"camera", "gimbal"});
    b.Story("Record 4K at 60 fps to the SD card",
            "As an **inspector** I want smooth 4K video, so that I can pause on any frame and "
            "still read details.")
        .Points(8)
        .Status("done")
        .Assign("dave")
        .Labels({"camera", "video"})
        .Criteria({"Given a V60 SD card, when recording 4K/60 for 30 minutes, then no frame is "
                   "dropped",
                   "Given the card is full, then recording stops cleanly and the file plays"});
    b.Task("Bench-test SD cards for sustained 100 MB/s writes").Status("done").Assign("dave");
    b.Story("Three-axis gimbal keeps the horizon level within 0.5°",
            "As a **surveyor** I want a level horizon, so that photos stitch without "
            "correction.")
        .Points(5)
        .Status("done")
        .Labels({"camera", "gimbal"})
        .Criteria({"Given a 30° bank in a turn, then the horizon tilts by at most 0.5°",
                   "Given a 5 m/s gust, then the image settles within 0.3 seconds"});
    b.Bug("Gimbal drifts to the left after 20 minutes of flight",
          "The yaw slowly turns about 4° to the left after 20 minutes. Seen on three test "
          "drones, never in the first 15 minutes.")
        .Ref("drift")
        .Points(3)
        .Status("in_progress")
        .Assign("dave")
        .Labels({"camera", "gimbal", "firmware"})
        .Criteria({"Given a 40-minute flight, when the camera points straight ahead, then the "
                   "yaw drift stays below 0.5°"});
    b.Story("Switch between photo and video without landing",
            "As a **pilot** I want to change the camera mode in the air, so that I do not "
            "lose a battery cycle for it.")
        .Points(3)
        .Status("done")
        .Assign("dave")
        .Labels({"camera", "app"})
        .Criteria({"Given the drone is flying, when the pilot taps the mode switch, then the "
                   "camera changes mode within 1 second"});
    b.Feature("Low-light and night imaging",
              "Inspection at dawn and dusk, and night flights where the operator has a permit.")
        .Ref("night")
        .Labels({"camera", "low-light"});
    b.Spike("Compare 1-inch sensors for low-light noise",
            "Three candidate sensors; compare noise at ISO 6400 and the price per unit.")
        .Points(3)
        .Status("done")
        .Labels({"camera", "low-light", "supplier"})
        .Criteria({"Given the three sensors, when each shoots the test chart at 1 lux, then "
                   "the noise levels are recorded side by side"});
    b.Story("Night mode: usable images down to 1 lux",
            "As an **inspector** I want usable images at dusk, so that I can finish the day's "
            "inspections after sunset.")
        .Points(13)
        .Labels({"camera", "low-light"})
        .Risk("medium")
        .Criteria({"Given 1 lux of light, when a photo of the test chart is taken, then line "
                   "pairs at 2 mm are readable from 10 m"});
    b.Story("Thermal camera module as a swappable payload",
            "As an **energy inspector** I want a thermal camera I can swap in, so that I find "
            "hot spots on solar panels and power lines.\n\n"
            "> Too big for one sprint: split it in refinement.")
        .Ref("thermal")
        .Points(40)
        .Labels({"camera", "thermal", "payload"})
        .Risk("high")
        .Customers({"Nordwind Energy", "Harbourline Ports"})
        .Criteria({"Given the thermal module, when it is attached, then the app shows the "
                   "thermal view without a restart",
                   "Given a 5 °C hot spot at 20 m, then it is visible in the thermal view",
                   "Given the thermal module, then the drone still flies at least 35 minutes"});
    b.Feature("Survey photo workflow", "From the flight to the photogrammetry software.")
        .Labels({"camera", "survey"});
    b.Story("Geotag every photo with the RTK position",
            "As a **surveyor** I want centimetre positions in every photo, so that I need "
            "fewer ground control points.")
        .Points(5)
        .Status("in_review")
        .Assign("dave")
        .Labels({"camera", "survey", "rtk"})
        .Customers({"Alpine Survey Group"})
        .Criteria({"Given an RTK fix, when a photo is taken, then its EXIF position is within "
                   "3 cm of the true position",
                   "Given no RTK fix, then the photo is tagged with the GPS position and marked "
                   "as such"},
                  2);
    b.Story("Interval shooting by distance for photogrammetry",
            "As a **surveyor** I want a photo every N metres, so that the overlap stays "
            "constant when the wind changes the ground speed.")
        .Points(3)
        .Labels({"camera", "survey"})
        .Criteria({"Given an interval of 10 m, when the drone flies 1 km, then 100 photos "
                   "(±1) are taken"});
    b.Story("Export a flight's photos with a CSV of positions",
            "For the photogrammetry tools that do not read EXIF positions.")
        .Labels({"survey"})
        .By("alice");
    b.Debt("Replace the hand-written EXIF writer with the shared imaging library",
           "The EXIF writer was copied from the X1 firmware and has no tests.")
        .Points(3)
        .Labels({"camera", "firmware"});

    // 3. Obstacle avoidance: committed for the autumn release.
    b.Epic("Obstacle avoidance",
           "## Why\n"
           "Inspection flights happen close to structures. Two of our X1 customers lost a "
           "drone to a power line last year.\n\n"
           "## Scope\n"
           "Forward and downward sensing, stopping before obstacles, and showing them in the "
           "app. Full autonomous avoidance is for the SkyLift AI line.")
        .Ref("avoidance")
        .Status("in_progress")
        .Labels({"avoidance", "safety"})
        .Risk("medium")
        .Customers({"Nordwind Energy", "Baltic Rail Services"});
    b.Feature("Forward and downward sensing", "Sensors and the flight controller's reaction.")
        .Status("in_progress")
        .Labels({"avoidance", "sensors"});
    b.Spike("Stereo cameras or time-of-flight sensors for forward sensing?",
            "Compare range, weight, power draw and behaviour in rain and low light.")
        .Points(5)
        .Status("done")
        .Labels({"avoidance", "sensors"})
        .Criteria({"Given both prototypes, when they fly the obstacle course, then the detection "
                   "range and the false stops of each are recorded"});
    b.Story("Stop 5 m before an obstacle in the flight path",
            "As a **pilot** I want the drone to stop on its own before it hits something, so "
            "that a moment of inattention does not cost a drone.")
        .Ref("stop")
        .Points(8)
        .Status("in_progress")
        .Assign("dave")
        .Labels({"avoidance", "firmware"})
        .Risk("high")
        .Criteria({"Given a wall in the flight path at 10 m/s, when the drone approaches, then "
                   "it stops at least 5 m before it",
                   "Given a power line of 2 cm diameter, then it is detected at 15 m",
                   "Given the drone stopped, then the pilot can only fly sideways or back"},
                  1);
    b.Task("Log sensor distances during test flights").Status("in_progress").Assign("dave");
    b.Task("Add a simulator scene with power lines");
    b.Story("Downward sensor keeps 2 m above ground in terrain-follow mode",
            "As a **surveyor** I want a constant height above sloped ground, so that the "
            "ground resolution stays the same.")
        .Points(8)
        .Status("ready")
        .Labels({"avoidance", "sensors", "survey"})
        .Criteria({"Given a 20 % slope, when flying terrain-follow at 2 m, then the height "
                   "stays within ±0.3 m"});
    b.Bug("False obstacle stops in heavy rain",
          "Heavy rain makes the forward sensor report an obstacle at 3–4 m; the drone stops "
          "in open air.")
        .Labels({"avoidance", "sensors"});
    b.Feature("Obstacle avoidance in the app", "What the pilot sees and decides.")
        .Labels({"avoidance", "app"});
    b.Story("Show detected obstacles as an overlay in the live view",
            "As a **pilot** I want to see what the drone sees, so that I trust its stops.")
        .Ref("overlay")
        .Points(5)
        .Labels({"avoidance", "app"})
        .Criteria({"Given an obstacle is detected, then it is outlined in the live view with "
                   "its distance"});
    b.Story("Pilot can turn avoidance off for close inspection, with a warning",
            "As an **inspector** I need to fly within 2 m of a blade, so that I can see "
            "cracks.")
        .Points(3)
        .Labels({"avoidance", "app", "safety"})
        .Criteria({"Given avoidance is turned off, then a warning stays visible until it is "
                   "turned on again",
                   "Given the drone lands, then avoidance is on again for the next flight"});

    // 4. Safety and compliance: needed for the EU launch.
    b.Epic("Safety & compliance",
           "## Why\n"
           "Without Remote ID and the EU **C2** class label we cannot sell the X2 to our "
           "European customers for flights near people.\n\n"
           "## Deadlines\n"
           "| what | when |\n"
           "|---|---|\n"
           "| Remote ID | before the launch |\n"
           "| C2 technical file | 3 months before the launch |")
        .Ref("safety")
        .Labels({"safety", "compliance"})
        .Risk("high");
    b.Feature("Remote ID", "Broadcast identification as the EU and US rules require.")
        .Status("in_progress")
        .Labels({"safety", "compliance"});
    b.Story("Broadcast Remote ID per ASTM F3411",
            "As an **operator** I must broadcast the drone's identity and position, so that "
            "I may fly legally.")
        .Ref("remote-id")
        .Points(8)
        .Status("in_progress")
        .Assign("dave")
        .Labels({"safety", "compliance", "firmware"})
        .Criteria({"Given the drone is armed, then it broadcasts its serial number and "
                   "position every second over Bluetooth and Wi-Fi",
                   "Given the broadcast fails, then the drone refuses to take off"},
                  1);
    b.Task("Certify the Remote ID module with the test lab");
    b.Feature("EU C2 class label",
              "Class C2 allows flights closer to people in the open "
              "category.")
        .Labels({"safety", "compliance"});
    b.Story("Low-speed mode limited to 3 m/s for flights near people",
            "Required for the C2 class: a mode the pilot selects when flying within 30 m of "
            "people.")
        .Points(5)
        .Labels({"safety", "compliance", "firmware"})
        .Criteria({"Given low-speed mode, when the pilot pushes the stick fully, then the "
                   "ground speed stays at or below 3 m/s"});
    b.Story("Prepare the technical file for the C2 class certificate",
            "Collect test reports, the risk analysis and the user manual for the notified "
            "body.")
        .Ref("c2-file")
        .Points(13)
        .By("alice")
        .Labels({"compliance"})
        .Criteria({"Given the file, when the notified body reviews it, then no document is "
                   "missing from their checklist"});
    b.Spike("What does the C2 noise test require of the propellers?",
            "Read the noise test standard and measure today's propellers against it.")
        .Ref("noise")
        .Points(2)
        .Labels({"compliance", "propulsion"});
    b.Feature("Geofencing", "Keep the drone out of no-fly zones and bring it home safely.")
        .Labels({"safety"});
    b.Story("No-fly zones from the official database block take-off",
            "As an **operator** I want the drone to refuse take-off in a no-fly zone, so that "
            "I do not break the law by accident.")
        .Points(8)
        .Status("ready")
        .Labels({"safety", "geofence"})
        .Criteria({"Given the drone is inside a no-fly zone, when the pilot tries to take off, "
                   "then take-off is refused with the zone's name",
                   "Given the database is older than 30 days, then the app asks for an update"});
    b.Story("Return home when the battery reaches the reserve for the way back",
            "As a **pilot** I want the drone to come back while it still can.")
        .Points(5)
        .Status("done")
        .Labels({"safety", "battery"})
        .Criteria({"Given the drone is 2 km away, when the remaining energy falls to what the "
                   "way back needs plus 10 %, then it returns home on its own",
                   "Given a return, then the pilot may cancel it once"});
    b.Bug("Return-to-home climbs into the geofence ceiling",
          "With a 50 m altitude limit and return height 60 m the drone climbs to 60 m anyway.")
        .Urgency(domain::Priority::kHighest)
        .Points(3)
        .Status("in_progress")
        .Assign("dave")
        .Labels({"safety", "geofence", "firmware"})
        .Criteria({"Given an altitude limit below the return height, when the drone returns, "
                   "then it climbs only to the limit"});

    // 5. Firmware over the air.
    b.Epic("Firmware updates over the air",
           "## Why\n"
           "Today a firmware update means a USB cable and a laptop. Fleet customers have 30+ "
           "drones and skip updates, including safety fixes.\n\n"
           "## Scope\n"
           "Signed packages, updates from the app, and fleet updates from the web console.")
        .Ref("ota")
        .Labels({"firmware", "ota"})
        .Risk("medium")
        .Customers({"Baltic Rail Services", "Harbourline Ports"});
    b.Feature("Signed update packages", "Only firmware we signed runs on a SkyLift drone.")
        .Labels({"firmware", "security"});
    b.Story("Drone refuses firmware without a valid signature",
            "As the **manufacturer** we want only signed firmware to run, so that nobody can "
            "install modified firmware that ignores the geofence.")
        .Points(5)
        .Status("in_review")
        .Assign("dave")
        .Labels({"firmware", "security"})
        .Criteria({"Given a package signed with our key, then it installs",
                   "Given a package with a changed byte, then it is refused and the old "
                   "firmware keeps running"},
                  2);
    b.Debt("Move the signing key into the hardware security module",
           "The signing key is a file on the build server.")
        .Points(3)
        .Labels({"firmware", "security"});
    b.Story("Roll back to the previous firmware if the update fails",
            "As a **pilot** I want a failed update to leave a working drone.")
        .Points(8)
        .Status("ready")
        .Labels({"firmware", "ota"})
        .Criteria({"Given power is lost during an update, when the drone restarts, then it "
                   "runs the previous firmware"});
    b.Feature("Update from the app", "The pilot updates the drone from the phone.")
        .Labels({"ota", "app"});
    b.Story("Notify the pilot in the app when new firmware is available",
            "As a **pilot** I want to know about updates, so that I get safety fixes.")
        .Points(3)
        .Labels({"ota", "app"})
        .Criteria({"Given new firmware is published, when the app starts, then it shows the "
                   "version and the release notes"});
    b.Story("Download the update over Wi-Fi and install it on the next landing",
            "As a **pilot** I do not want to wait for an update before a flight.")
        .Points(5)
        .Labels({"ota", "app"})
        .Criteria({"Given an update was downloaded, when the drone lands and disarms, then "
                   "the app offers to install it"});
    b.Bug("Update progress stops at 99 % on Android 14",
          "The progress bar stays at 99 % although the drone has installed the update.")
        .Ref("stuck")
        .Points(2)
        .Labels({"ota", "app", "android"})
        .Customers({"Harbourline Ports"})
        .Criteria({"Given Android 14, when an update finishes, then the app shows it as done"});
    b.Bug("Firmware install hangs near the end on Android phones",
          "Reported by support; looks like the same problem as the one at 99 %.")
        .Ref("stuck-dup")
        .By("alice")
        .Labels({"ota", "android"});
    b.Feature("Fleet updates", "For customers with many drones.").Labels({"ota", "fleet"});
    b.Story("Update a whole fleet from the web console in one step",
            "As a **fleet manager** I want to update 30 drones at once, so that no drone "
            "flies with old firmware.")
        .Points(13)
        .Labels({"ota", "fleet"})
        .Customers({"Baltic Rail Services"})
        .Criteria({"Given 30 drones online, when the manager starts the update, then each "
                   "drone installs it on its next landing and the console shows the progress"});
    b.Spike("Staged roll-outs: how many drones per wave?",
            "Find a sensible default for staged roll-outs from how other device makers do it.")
        .Labels({"ota", "fleet"});

    // 6. The flight app.
    b.Epic("Flight app & mission planning",
           "## Why\n"
           "Pilots plan survey missions in third-party apps today and copy the result by "
           "hand. A planner in our own app saves them an hour per job.")
        .Ref("app")
        .Status("in_progress")
        .Labels({"app"})
        .Risk("low")
        .Customers({"Alpine Survey Group", "AgriSense Co-op"});
    b.Feature("Mission planner", "Plan a survey on the map, fly it automatically.")
        .Status("in_progress")
        .Labels({"app", "mission-planning"});
    b.Story("Draw a survey area on the map and get a lawnmower flight path",
            "As a **surveyor** I want to draw an area and get a flight path, so that I do "
            "not plan lines by hand.")
        .Points(8)
        .Status("in_progress")
        .Assign("dave")
        .Labels({"app", "mission-planning"})
        .Customers({"Alpine Survey Group", "AgriSense Co-op"})
        .Criteria({"Given a drawn polygon, when the surveyor sets 70 % overlap, then the app "
                   "shows the lines and the number of photos",
                   "Given the path, when the pilot starts the mission, then the drone flies it "
                   "without further input"},
                  1);
    b.Story("Estimate flight time and battery swaps before take-off",
            "As a **pilot** I want to know how many batteries a mission needs.")
        .Ref("estimate")
        .Points(5)
        .Labels({"app", "mission-planning", "battery"})
        .Criteria({"Given a planned mission, then the app shows its flight time and the "
                   "number of battery swaps"});
    b.Story("Save and reuse missions", "As a **surveyor** I fly the same fields every month.")
        .Points(3)
        .Labels({"app", "mission-planning"})
        .Customers({"AgriSense Co-op"})
        .Criteria({"Given a saved mission, when it is opened, then the area and settings are "
                   "as saved"});
    b.Story("Import KML/KMZ boundaries",
            "Customers get field boundaries as KML from their farm management software.")
        .Points(3)
        .Labels({"app", "mission-planning"});
    b.Feature("Live flight view", "What the pilot sees during the flight.")
        .Status("in_progress")
        .Labels({"app", "video"});
    b.Story("Live view with 200 ms latency over 2 km",
            "As a **pilot** I want a live image that keeps up with the drone.")
        .Points(8)
        .Status("done")
        .Assign("dave")
        .Labels({"app", "video"})
        .Criteria({"Given the drone 2 km away in open field, then the live view lags by at "
                   "most 200 ms",
                   "Given the link weakens, then the resolution drops before the image "
                   "freezes"});
    b.Bug("Map tiles stay blank offline",
          "Pilots in the field often have no mobile data; the map is blank although the area "
          "was viewed before.")
        .Points(2)
        .Status("done")
        .Assign("dave")
        .Labels({"app", "offline"})
        .Customers({"AgriSense Co-op"})
        .Criteria({"Given the area was viewed online in the last 30 days, when the phone is "
                   "offline, then the map tiles are shown"});
    b.Debt("Upgrade the video player library",
           "We are three major versions behind; the old one leaks memory on long flights.")
        .Points(2)
        .Labels({"app", "video"});
    b.Feature("Flight logs", "Every flight recorded, for maintenance and for the authorities.")
        .Labels({"app", "logs"});
    b.Story("Upload flight logs automatically after landing",
            "As a **fleet manager** I want every flight's log in the console without asking "
            "pilots.")
        .Points(5)
        .Labels({"app", "logs", "fleet"})
        .Criteria({"Given the phone is online after a landing, then the log is uploaded within "
                   "5 minutes"});
    b.Story("Share a flight report as PDF",
            "Route, duration, battery use and photos taken; for the customer's records.")
        .Labels({"app", "logs"})
        .By("alice");
    return b.specs;
}

const std::vector<LinkSpec> kLinks = {
    {"pack", domain::LinkKind::kBlocks, "endurance"},
    {"remote-id", domain::LinkKind::kBlocks, "c2-file"},
    {"stop", domain::LinkKind::kBlocks, "overlay"},
    {"estimate", domain::LinkKind::kRelates, "minutes"},
    {"noise", domain::LinkKind::kRelates, "props"},
    {"stuck-dup", domain::LinkKind::kDuplicates, "stuck"},
};

const std::vector<CommentSpec> kComments = {
    {"flight",
     "frank",
     "The board asked me whether 45 minutes is realistic for the autumn launch. What is our "
     "confidence today?"},
    {"flight",
     "bob",
     "Medium. The pack and the carbon arms are done; the propellers are the open part. The "
     "endurance test will tell us, and it is split for refinement this week."},
    {"camera",
     "erin",
     "At the trade fair most visitors asked about flight time first and image quality second. "
     "Inspection customers were the exception: they want the thermal module."},
    {"thermal",
     "erin",
     "Nordwind Energy would pay extra for thermal; they asked for a quote for 12 drones."},
    {"thermal",
     "bob",
     "40 points is far too big for one sprint. Carol, can we split it in Thursday's refinement?"},
    {"drift",
     "dave",
     "Reproduced in the simulator: the yaw bias grows with the motor temperature. A fix for the "
     "compensation table is on my branch."},
    {"stop",
     "carol",
     "This is the sprint goal item. Dave and I pair on the test flights on Thursday morning."},
    {"supplier",
     "alice",
     "The second supplier's samples arrive next week. At 12 € less per motor that is about "
     "48 € per drone, or 190,000 € over the planned volume."},
    {"cold",
     "dave",
     "Fixed: the percentage now follows the temperature-compensated curve. The cold-soak test "
     "passes at -10 °C."},
    {"stuck",
     "carol",
     "Support had three tickets about this in one week, all from Android 14 phones."},
    {"remote-id",
     "alice",
     "Reminder: without Remote ID we cannot start the C2 certification, and that has a "
     "three-month lead time."},
};

domain::BacklogSettings DemoSettings(std::int64_t now) {
    auto s = domain::DefaultBacklogSettings();
    domain::CustomField risk;
    risk.id = NewId("fld", now);
    risk.key = "risk";
    risk.name = "Risk";
    risk.type = domain::CustomFieldType::kSingleSelect;
    risk.options = {"low", "medium", "high"};
    domain::CustomField customer;
    customer.id = NewId("fld", now);
    customer.key = "customer";
    customer.name = "Customer";
    customer.type = domain::CustomFieldType::kMultiSelect;
    customer.options = kCustomers;
    s.fields = {risk, customer};
    s.version = 1;
    return s;
}

std::vector<std::string> IdsOf(const std::vector<domain::ChecklistEntry>& entries) {
    std::vector<std::string> ids;
    for (const auto& e : entries) {
        ids.push_back(e.id);
    }
    return ids;
}

}  // namespace

Result<std::vector<domain::Item>> SeedDemoBacklog(AppContext& ctx,
                                                  const std::string& workspace_id,
                                                  const domain::Product& product,
                                                  const std::map<std::string, std::string>& users) {
    const std::int64_t now = ctx.clock.NowMs();
    const std::vector<Spec> specs = DemoItems();
    const auto settings = DemoSettings(now);
    const auto user = [&](const std::string& handle) { return users.at(handle); };

    // The items, checked against the same rules as the API's.
    std::vector<domain::Item> items;
    std::map<std::string, std::size_t> by_ref;
    const auto ranks = domain::EvenlySpacedRanks(specs.size());
    domain::Issues issues;
    for (std::size_t n = 0; n < specs.size(); ++n) {
        const Spec& s = specs[n];
        domain::Item i;
        i.id = NewId("itm", now);
        i.workspace_id = workspace_id;
        i.product_id = product.id;
        i.number = static_cast<std::int64_t>(n) + 1;
        i.type = s.type;
        i.title = s.title;
        i.description = s.description;
        i.status = s.status;
        i.points = s.points;
        i.priority = s.priority                                     ? *s.priority
                     : s.type == ItemType::kBug || s.risk == "high" ? domain::Priority::kHigh
                     : s.type == ItemType::kTechDebt                ? domain::Priority::kLow
                                                                    : domain::Priority::kMedium;
        i.assignee_id = s.assignee.empty() ? "" : user(s.assignee);
        i.parent_id = s.parent < 0 ? "" : items[static_cast<std::size_t>(s.parent)].id;
        i.rank = ranks[n];
        i.created_by = user(s.author);
        i.created_at = now;
        i.updated_at = now;
        const auto* status = settings.FindStatus(s.status);
        i.category = status != nullptr ? status->category : domain::StatusCategory::kToDo;
        const bool done = i.category == domain::StatusCategory::kDone;
        for (std::size_t c = 0; c < s.criteria.size(); ++c) {
            i.criteria.push_back({NewId("acc", now), s.criteria[c], done || c < s.ticked});
        }
        if (s.status != "new" && domain::Level(s.type) == 2) {
            i.ready_checks = IdsOf(settings.definition_of_ready);
        }
        if (done) {
            i.done_at = now;
            i.done_checks = IdsOf(settings.definition_of_done);
            if (s.type != ItemType::kTask) {
                i.accepted_at = now;
                i.accepted_by = user("bob");
            }
        }
        i.labels = s.labels;
        std::sort(i.labels.begin(), i.labels.end());
        if (!s.risk.empty()) {
            i.fields[settings.fields[0].id] = {{s.risk}, std::nullopt};
        }
        if (!s.customers.empty()) {
            auto customers = s.customers;
            std::sort(customers.begin(), customers.end());
            i.fields[settings.fields[1].id] = {customers, std::nullopt};
        }
        for (auto& issue : domain::ValidateItem(i, settings)) {
            issues.push_back({s.title + ": " + issue.field, issue.issue});
        }
        if ((s.parent >= 0 &&
             !domain::MayParent(items[static_cast<std::size_t>(s.parent)].type, s.type)) ||
            (s.parent < 0 && domain::NeedsParent(s.type))) {
            issues.push_back({s.title + ": parent_id", "does not fit the hierarchy"});
        }
        if (!s.ref.empty()) {
            by_ref[s.ref] = n;
        }
        items.push_back(std::move(i));
    }
    if (!issues.empty()) {
        return Fail(ValidationFailed(std::move(issues)));
    }
    const auto item_of = [&](const std::string& ref) -> const domain::Item& {
        return items[by_ref.at(ref)];
    };

    // The seed's events have no actor (the system wrote them); the items and comments keep
    // their demo authors.
    const std::string kSystem;
    TL_TRY(ctx.store.Write([&](storage::Tx& tx) -> Result<void> {
        TL_TRY(SaveBacklogSettings(tx, workspace_id, product.id, settings, 0, now));
        TL_TRY(RecordEvent(tx,
                           workspace_id,
                           kSystem,
                           now,
                           {"backlog_settings",
                            product.id,
                            product.id,
                            "updated",
                            ToJson(domain::DefaultBacklogSettings()),
                            ToJson(settings)}));
        for (const auto& i : items) {
            // Keeps the product's key counter in step (the items are numbered 1, 2, ...).
            TL_TRY(tx.TakeItemNumber(workspace_id, product.id));
            TL_TRY(tx.InsertItem(i));
            TL_TRY(tx.AddWatcher(workspace_id, i.id, i.created_by));
            TL_TRY(RecordEvent(
                tx,
                workspace_id,
                kSystem,
                now,
                {"item", i.id, product.id, "created", {}, ToJson(i, product.key, settings)}));
        }
        for (const auto& l : kLinks) {
            const auto& source = item_of(l.source);
            const auto& target = item_of(l.target);
            domain::ItemLink link{
                NewId("lnk", now), workspace_id, product.id, l.kind, source.id, target.id, now};
            TL_TRY(tx.InsertLink(link));
            json::object after{{"link_id", link.id},
                               {"kind", domain::ToString(link.kind)},
                               {"source", domain::ItemKey(product.key, source.number)},
                               {"target", domain::ItemKey(product.key, target.number)}};
            for (const auto* end : {&source, &target}) {
                TL_TRY(RecordEvent(tx,
                                   workspace_id,
                                   kSystem,
                                   now,
                                   {"item", end->id, product.id, "linked", {}, after}));
            }
        }
        // Comments a few milliseconds apart, so they read in the order written.
        std::int64_t at = now;
        for (const auto& c : kComments) {
            const auto& item = item_of(c.item);
            domain::Comment comment{NewId("cmt", ++at),
                                    workspace_id,
                                    product.id,
                                    item.id,
                                    user(c.author),
                                    c.body,
                                    1,
                                    at,
                                    at};
            TL_TRY(tx.InsertComment(comment));
            TL_TRY(tx.AddWatcher(workspace_id, item.id, comment.author_id));
            TL_TRY(RecordEvent(tx,
                               workspace_id,
                               kSystem,
                               at,
                               {"item",
                                item.id,
                                product.id,
                                "commented",
                                {},
                                json::object{{"comment_id", comment.id},
                                             {"author_id", comment.author_id},
                                             {"body", comment.body}}}));
        }
        // The search documents, once every item has its comments.
        for (const auto& i : items) {
            TL_TRY(tx.ReindexItem(workspace_id, i.id));
        }
        return {};
    }));
    return items;
}

}  // namespace tl::app
