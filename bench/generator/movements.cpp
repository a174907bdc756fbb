// Movements launched by the provinces: the yearly movement for the socio-economic plan in
// February, and now and then a "100 days" campaign in September (seed 004), each with
// numbered targets; the province's units register and pledge, and report their progress.
#include "names.hpp"
#include "simulation.hpp"

namespace thidua::generator::internal {

namespace {

domain::Decimal scaled(domain::Decimal value, int percent, bool capped) {
  std::int64_t v = value.hundredths * percent / 100;
  if (capped) v = std::min<std::int64_t>(v, 10000);
  return domain::Decimal{v};
}

}  // namespace

void Simulation::launch_movements(bool campaign) {
  if (!campaign) world_.movements.clear();
  const std::size_t first = world_.movements.size();
  for (int p = 0; p < options_.provinces; ++p) {
    if (!campaign || rng_.chance(300)) launch_movement(p, campaign);
  }
  const domain::Date registered = campaign ? on(9, 9) : on(2, 28);
  for (std::size_t m = first; m < world_.movements.size(); ++m) {
    register_units(world_.movements[m], registered);
  }
}

void Simulation::launch_movement(int p, bool campaign) {
  const domain::Date start = campaign ? on(9, 1) : on(2, 20);
  const domain::Date end = campaign ? on(12, 10) : on(12, 31);
  const std::string year = std::to_string(year_);
  Movement movement{.id = "pt-" + std::string(province_names()[p].slug) + "-" + year +
                          (campaign ? "-100-ngay" : "-ktxh"),
                    .province = p};
  domain::LaunchMovement c;
  c.id = movement.id;
  c.name = campaign ? "Thi đua “Phấn đấu 100 ngày tăng tốc hoàn thành các nhiệm vụ trọng tâm "
                      "năm " +
                          year + "” " + place(p)
                    : "Phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế – "
                      "xã hội năm " +
                          year + " " + place(p);
  c.form = campaign ? domain::MovementForm::kCampaign : domain::MovementForm::kRegular;
  c.launched_by = world_.units[world_.provinces[p]].id;
  c.start = start;
  c.end = end;
  c.slogan = campaign ? "Siết chặt kỷ cương, tăng cường trách nhiệm, quyết liệt hành động, "
                        "sáng tạo bứt phá"
                      : "Đoàn kết, kỷ cương, sáng tạo, hiệu quả";
  const auto& texts = target_texts();
  const int count = campaign ? 2 : 3;
  const int offset = rng_.below(static_cast<int>(texts.size()));
  for (int t = 0; t < count; ++t) {
    const TargetText& text = texts[(offset + t) % texts.size()];
    movement.targets.push_back({t + 1, std::string(text.text), std::string(text.metric),
                                domain::Decimal{text.value_hundredths}, std::string(text.unit),
                                end});
  }
  c.targets = movement.targets;
  for (int k = 0; k < 2; ++k) {
    c.criteria.push_back(
        {"TC" + std::to_string(k + 1), std::string(movement_criteria()[(offset + k) % 4]), {}});
  }
  enqueue(std::move(c), start);
  world_.movements.push_back(std::move(movement));
}

// Every unit of the province with staff registers, pledging a title and two of the targets,
// somewhat around the province's goal.
void Simulation::register_units(Movement& movement, domain::Date date) {
  for (int u = 0; u < static_cast<int>(world_.units.size()); ++u) {
    const Unit& unit = world_.units[u];
    if (unit.ended || unit.province != movement.province || unit.staff.empty()) continue;
    domain::SubmitRegistration r;
    r.movement = movement.id;
    r.organization = unit.id;
    r.year = year_;
    r.titles = {unit.base_strength >= 880 ? domain::Award::kTTLDXS : domain::Award::kTTLDTT};
    for (std::size_t t = 0; t < movement.targets.size() && r.pledges.size() < 2; ++t) {
      if (movement.targets.size() > 2 && rng_.chance(333)) continue;
      const domain::Target& target = movement.targets[t];
      r.pledges.push_back(
          {target.number, scaled(target.value, rng_.between(90, 110), target.unit == "%")});
    }
    movement.registrations.emplace_back(u, r.pledges);
    enqueue(std::move(r), date);
  }
}

void Simulation::report_progress(bool final_report) {
  const domain::Date date = final_report ? on(11, 20) : on(6, 30);
  for (const Movement& movement : world_.movements) {
    const bool campaign = movement.id.ends_with("-100-ngay");
    if (campaign && !final_report) continue;
    for (const auto& [unit, pledges] : movement.registrations) {
      if (world_.units[unit].ended) continue;
      for (const domain::Pledge& pledge : pledges) {
        const int percent = final_report ? rng_.between(85, 115) : rng_.between(35, 60);
        domain::ReportProgress r;
        r.movement = movement.id;
        r.organization = world_.units[unit].id;
        r.target = pledge.target;
        r.value = scaled(pledge.value, percent, false);
        r.date = date;
        r.note = final_report ? "Báo cáo kết quả thực hiện năm " + std::to_string(year_)
                              : "Báo cáo sơ kết 6 tháng đầu năm " + std::to_string(year_);
        enqueue(std::move(r), date);
      }
    }
  }
}

}  // namespace thidua::generator::internal
