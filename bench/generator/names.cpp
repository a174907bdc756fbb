#include "names.hpp"

namespace thidua::generator::internal {

const std::vector<ProvinceName>& province_names() {
  static const std::vector<ProvinceName> kNames = {
      {"Gia Lai", "gia-lai"},
      {"Phú Yên", "phu-yen"},
      {"Đắk Lắk", "dak-lak"},
      {"Lâm Đồng", "lam-dong"},
      {"Kon Tum", "kon-tum"},
      {"Đắk Nông", "dak-nong"},
      {"Bình Định", "binh-dinh"},
      {"Khánh Hòa", "khanh-hoa"},
      {"Quảng Nam", "quang-nam"},
      {"Đà Nẵng", "da-nang", true},
      {"Quảng Ngãi", "quang-ngai"},
      {"Lạng Sơn", "lang-son"},
      {"Ninh Thuận", "ninh-thuan"},
      {"Bình Thuận", "binh-thuan"},
      {"Thừa Thiên Huế", "thua-thien-hue"},
      {"Quảng Trị", "quang-tri"},
      {"Quảng Bình", "quang-binh"},
      {"Hà Tĩnh", "ha-tinh"},
      {"Nghệ An", "nghe-an"},
      {"Thanh Hóa", "thanh-hoa"},
      {"Hà Nội", "ha-noi", true},
      {"Hồ Chí Minh", "ho-chi-minh", true},
      {"Hải Phòng", "hai-phong", true},
      {"Cần Thơ", "can-tho", true},
      {"Quảng Ninh", "quang-ninh"},
      {"Bắc Giang", "bac-giang"},
      {"Bắc Ninh", "bac-ninh"},
      {"Bắc Kạn", "bac-kan"},
      {"Cao Bằng", "cao-bang"},
      {"Hà Giang", "ha-giang"},
      {"Tuyên Quang", "tuyen-quang"},
      {"Thái Nguyên", "thai-nguyen"},
      {"Lào Cai", "lao-cai"},
      {"Yên Bái", "yen-bai"},
      {"Điện Biên", "dien-bien"},
      {"Lai Châu", "lai-chau"},
      {"Sơn La", "son-la"},
      {"Hòa Bình", "hoa-binh"},
      {"Phú Thọ", "phu-tho"},
      {"Vĩnh Phúc", "vinh-phuc"},
      {"Hải Dương", "hai-duong"},
      {"Hưng Yên", "hung-yen"},
      {"Thái Bình", "thai-binh"},
      {"Hà Nam", "ha-nam"},
      {"Nam Định", "nam-dinh"},
      {"Ninh Bình", "ninh-binh"},
      {"Bình Phước", "binh-phuoc"},
      {"Bình Dương", "binh-duong"},
      {"Đồng Nai", "dong-nai"},
      {"Tây Ninh", "tay-ninh"},
      {"Bà Rịa – Vũng Tàu", "ba-ria-vung-tau"},
      {"Long An", "long-an"},
      {"Tiền Giang", "tien-giang"},
      {"Bến Tre", "ben-tre"},
      {"Trà Vinh", "tra-vinh"},
      {"Vĩnh Long", "vinh-long"},
      {"Đồng Tháp", "dong-thap"},
      {"An Giang", "an-giang"},
      {"Kiên Giang", "kien-giang"},
      {"Hậu Giang", "hau-giang"},
      {"Sóc Trăng", "soc-trang"},
      {"Bạc Liêu", "bac-lieu"},
      {"Cà Mau", "ca-mau"},
  };
  return kNames;
}

const std::vector<std::array<std::string_view, 2>>& merger_pairs() {
  static const std::vector<std::array<std::string_view, 2>> kPairs = {
      {"phu-yen", "dak-lak"},
      {"binh-dinh", "gia-lai"},
      {"dak-nong", "lam-dong"},
      {"kon-tum", "quang-ngai"},
      {"quang-nam", "da-nang"},
      {"ninh-thuan", "khanh-hoa"},
      {"quang-binh", "quang-tri"},
      {"binh-thuan", "lam-dong"},
      {"bac-kan", "thai-nguyen"},
      {"ha-giang", "tuyen-quang"},
      {"yen-bai", "lao-cai"},
      {"hoa-binh", "phu-tho"},
      {"vinh-phuc", "phu-tho"},
      {"bac-giang", "bac-ninh"},
      {"hai-duong", "hai-phong"},
      {"thai-binh", "hung-yen"},
      {"ha-nam", "ninh-binh"},
      {"nam-dinh", "ninh-binh"},
      {"binh-phuoc", "dong-nai"},
      {"long-an", "tay-ninh"},
      {"ben-tre", "vinh-long"},
      {"tra-vinh", "vinh-long"},
      {"tien-giang", "dong-thap"},
      {"hau-giang", "can-tho"},
      {"soc-trang", "can-tho"},
      {"bac-lieu", "ca-mau"},
      {"kien-giang", "an-giang"},
      {"binh-duong", "ho-chi-minh"},
      {"ba-ria-vung-tau", "ho-chi-minh"},
  };
  return kPairs;
}

const std::vector<Sector>& sectors() {
  static const std::vector<Sector> kSectors = {
      {"Bộ Thông tin và Truyền thông", "Sở Thông tin và Truyền thông", "tttt", "BTTTT", "STTTT"},
      {"Bộ Tài chính", "Sở Tài chính", "tc", "BTC", "STC"},
      {"Bộ Y tế", "Sở Y tế", "yt", "BYT", "SYT"},
      {"Bộ Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", "gddt", "BGDĐT", "SGDĐT"},
      {"Bộ Tư pháp", "Sở Tư pháp", "tp", "BTP", "STP"},
      {"Bộ Nội vụ", "Sở Nội vụ", "nv", "BNV", "SNV"},
      {"Bộ Công Thương", "Sở Công Thương", "ct", "BCT", "SCT"},
      {"Bộ Xây dựng", "Sở Xây dựng", "xd", "BXD", "SXD"},
      {"Bộ Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Phát triển nông thôn", "nnptnt",
       "BNNPTNT", "SNNPTNT"},
      {"Bộ Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư", "khdt", "BKHĐT", "SKHĐT"},
      {"Bộ Tài nguyên và Môi trường", "Sở Tài nguyên và Môi trường", "tnmt", "BTNMT", "STNMT"},
      {"Bộ Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch", "vhttdl", "BVHTTDL",
       "SVHTTDL"},
      {"Bộ Lao động – Thương binh và Xã hội", "Sở Lao động – Thương binh và Xã hội", "ldtbxh",
       "BLĐTBXH", "SLĐTBXH"},
      {"Bộ Giao thông vận tải", "Sở Giao thông vận tải", "gtvt", "BGTVT", "SGTVT"},
      {"Bộ Khoa học và Công nghệ", "Sở Khoa học và Công nghệ", "khcn", "BKHCN", "SKHCN"},
  };
  return kSectors;
}

const std::vector<AgencyName>& agency_names() {
  static const std::vector<AgencyName> kNames = {
      {"Đài Phát thanh và Truyền hình", "dai-ptth", "ĐPTTH"},
      {"Ban Quản lý các khu công nghiệp", "bql-kcn", "BQLKCN"},
  };
  return kNames;
}

const AgencyName& new_agency_name() {
  static const AgencyName kName{"Trung tâm Phục vụ hành chính công", "ttpvhcc", "TTPVHCC"};
  return kName;
}

const std::vector<ProvinceName>& commune_names() {
  static const std::vector<ProvinceName> kNames = {
      {"Hòa Bình", "hoa-binh"},     {"Tân Lập", "tan-lap"},       {"Quang Trung", "quang-trung"},
      {"Phú Thịnh", "phu-thinh"},   {"Tân Tiến", "tan-tien"},     {"Hòa Phú", "hoa-phu"},
      {"Thống Nhất", "thong-nhat"}, {"Đoàn Kết", "doan-ket"},     {"Tân Hòa", "tan-hoa"},
      {"Phước Sơn", "phuoc-son"},   {"Nghĩa Hưng", "nghia-hung"}, {"Bình Minh", "binh-minh"},
  };
  return kNames;
}

const std::vector<std::string_view>& family_names() {
  static const std::vector<std::string_view> kNames = {
      "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
      "Phan",   "Vũ",     "Võ",     "Đặng", "Bùi",  "Đỗ", "Hồ", "Ngô",  "Dương", "Lý",
  };
  return kNames;
}

const std::vector<std::string_view>& middle_names(bool female) {
  static const std::vector<std::string_view> kMale = {"Văn",  "Hữu",   "Đức",  "Minh",
                                                      "Quốc", "Thanh", "Công", "Xuân"};
  static const std::vector<std::string_view> kFemale = {"Thị",   "Thị",  "Ngọc", "Thu",
                                                        "Thanh", "Minh", "Hồng", "Kim"};
  return female ? kFemale : kMale;
}

const std::vector<std::string_view>& given_names(bool female) {
  static const std::vector<std::string_view> kMale = {
      "An",   "Bình", "Cường", "Dũng",  "Hải",  "Hùng", "Khánh", "Long", "Nam",   "Phong",
      "Quân", "Sơn",  "Tâm",   "Thắng", "Tuấn", "Việt", "Vinh",  "Hiếu", "Trung", "Đạt",
  };
  static const std::vector<std::string_view> kFemale = {
      "Hà", "Hạnh", "Hương", "Lan",   "Linh", "Mai",  "Nga",  "Phương", "Thảo", "Trang",
      "Vy", "Yến",  "Hoa",   "Huyền", "Loan", "Ngân", "Oanh", "Tâm",    "Thủy", "Xuân",
  };
  return female ? kFemale : kMale;
}

const std::vector<std::string_view>& ict_criteria() {
  static const std::vector<std::string_view> kTexts = {
      "Tăng cường hướng dẫn, kiểm tra và tổ chức thực hiện các văn bản quy phạm pháp luật; tham "
      "mưu triển khai kịp thời, hiệu quả các chủ trương của Đảng, chính sách, pháp luật của Nhà "
      "nước cho chính quyền địa phương",
      "Thực hiện nhiệm vụ là đầu mối triển khai Chính quyền điện tử tại địa phương",
      "Thường xuyên tham mưu chỉ đạo các cơ quan báo chí, truyền thông tại địa phương thông tin, "
      "tuyên truyền toàn diện, đầy đủ",
      "Tích cực hỗ trợ doanh nghiệp phát triển kinh tế ngành Thông tin và Truyền thông tại địa "
      "phương",
      "Tích cực tham mưu cho chính quyền địa phương trong việc phát triển và ứng dụng công nghệ "
      "thông tin",
      "Đẩy mạnh cải cách hành chính, ứng dụng công nghệ thông tin trong chỉ đạo điều hành",
      "Đẩy mạnh phong trào thi đua phát huy sáng kiến, sáng tạo đem lại hiệu quả cao trên các mặt "
      "công tác",
      "Giữ gìn đoàn kết nội bộ, gương mẫu chấp hành các chủ trương, chính sách của Đảng, pháp "
      "luật của Nhà nước",
      "Tổ chức phát động, triển khai các phong trào thi đua thường xuyên, theo đợt, theo chuyên "
      "đề thiết thực, hiệu quả; nhân rộng các điển hình tiên tiến; thực hiện chế độ thông tin, "
      "báo cáo đầy đủ, đúng thời hạn quy định",
  };
  return kTexts;
}

const std::vector<std::string_view>& general_criteria() {
  static const std::vector<std::string_view> kTexts = {
      "Hoàn thành các chỉ tiêu, nhiệm vụ chính trị được giao trong năm",
      "Đẩy mạnh cải cách hành chính, nâng cao mức độ hài lòng của người dân và doanh nghiệp",
      "Ứng dụng công nghệ thông tin, thực hiện chuyển đổi số trong chỉ đạo, điều hành",
      "Tổ chức phát động, triển khai các phong trào thi đua thường xuyên, theo đợt, theo chuyên đề",
      "Phát hiện, bồi dưỡng, tổng kết và nhân rộng các điển hình tiên tiến",
      "Đẩy mạnh phong trào phát huy sáng kiến, cải tiến kỹ thuật, hợp lý hóa công việc",
      "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực",
      "Xây dựng tổ chức Đảng, đoàn thể trong sạch, vững mạnh; giữ gìn đoàn kết nội bộ",
      "Thực hiện chế độ thông tin, báo cáo đầy đủ, đúng thời hạn quy định",
      "Chăm lo đời sống vật chất, tinh thần của cán bộ, công chức, viên chức và người lao động",
      "Tham gia các hoạt động an sinh xã hội, đền ơn đáp nghĩa, từ thiện nhân đạo",
      "Bảo đảm an ninh, trật tự, an toàn cơ quan; phòng cháy, chữa cháy",
  };
  return kTexts;
}

const std::vector<TargetText>& target_texts() {
  static const std::vector<TargetText> kTargets = {
      {"Nâng tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình",
       "hồ sơ xử lý trực tuyến toàn trình", 8000, "%"},
      {"Hộ gia đình có cửa hàng số và tài khoản thanh toán điện tử",
       "hộ gia đình dùng thanh toán số", 5000, "%"},
      {"Khai trương ATM mềm tại các điểm phục vụ ở xã", "ATM mềm đưa vào khai thác", 20000, "ATM"},
      {"Người dân được cấp tài khoản định danh điện tử mức độ 2", "tài khoản định danh mức độ 2",
       5000000, "người"},
      {"Doanh nghiệp nhỏ và vừa được hỗ trợ chuyển đổi số", "doanh nghiệp được hỗ trợ", 30000,
       "doanh nghiệp"},
      {"Xã đạt chuẩn nông thôn mới nâng cao", "xã đạt chuẩn", 1000, "xã"},
      {"Tỷ lệ giải ngân vốn đầu tư công", "vốn đầu tư công đã giải ngân", 9500, "%"},
      {"Giảm tỷ lệ hộ nghèo theo chuẩn đa chiều", "điểm phần trăm hộ nghèo giảm", 150, "%"},
      {"Lắp đặt điểm phát Wi-Fi công cộng miễn phí", "điểm Wi-Fi công cộng", 10000, "điểm"},
      {"Đưa sản phẩm OCOP lên sàn thương mại điện tử", "sản phẩm lên sàn", 15000, "sản phẩm"},
      {"Người dân được tiêm chủng được quản lý trên nền tảng số", "người được quản lý", 10000, "%"},
      {"Truyền thông hình ảnh của tỉnh trên các cơ quan báo chí trung ương", "cơ quan báo chí",
       2000, "cơ quan"},
  };
  return kTargets;
}

const std::vector<std::string_view>& movement_criteria() {
  static const std::vector<std::string_view> kTexts = {
      "Hoàn thành vượt mức các chỉ tiêu đăng ký",
      "Có cách làm mới, sáng tạo, hiệu quả được nhân rộng",
      "Thực hiện tốt chế độ thông tin, báo cáo kết quả phong trào",
      "Phát hiện, giới thiệu được điển hình tiên tiến",
  };
  return kTexts;
}

const std::vector<std::string_view>& initiative_subjects() {
  static const std::vector<std::string_view> kTexts = {
      "số hóa hồ sơ lưu trữ",
      "ứng dụng chữ ký số trong xử lý văn bản",
      "tự động hóa báo cáo thống kê định kỳ",
      "nâng cao tỷ lệ hồ sơ trực tuyến toàn trình",
      "quản lý tài sản công bằng phần mềm dùng chung",
      "tiết kiệm chi phí hành chính",
      "chuẩn hóa quy trình tiếp nhận và trả kết quả một cửa",
      "tuyên truyền pháp luật qua mạng xã hội",
      "hỗ trợ doanh nghiệp khởi nghiệp đổi mới sáng tạo",
      "cải tiến quy trình tiếp nhận, xử lý phản ánh, kiến nghị",
      "xây dựng cơ sở dữ liệu chuyên ngành",
      "kiểm tra, giám sát bằng bản đồ số",
  };
  return kTexts;
}

const std::vector<std::string_view>& hold_reasons() {
  static const std::vector<std::string_view> kTexts = {
      "Đang xem xét xử lý kỷ luật",
      "Đang bị cơ quan có thẩm quyền điều tra",
      "Đang trong thời gian thanh tra công vụ",
      "Có đơn khiếu nại, tố cáo đang được xem xét giải quyết",
  };
  return kTexts;
}

const std::vector<std::string_view>& hold_release_reasons() {
  static const std::vector<std::string_view> kTexts = {
      "Đã thi hành xong quyết định kỷ luật",
      "Cơ quan điều tra đã có kết luận, không có vi phạm",
      "Đã có kết luận thanh tra",
      "Đã giải quyết xong đơn khiếu nại, tố cáo",
  };
  return kTexts;
}

const std::vector<std::string_view>& revocation_reasons() {
  static const std::vector<std::string_view> kTexts = {
      "Cá nhân, tập thể kê khai không trung thực thành tích trong hồ sơ đề nghị khen thưởng",
      "Hồ sơ đề nghị khen thưởng có tài liệu bị làm giả, thông tin sai sự thật",
      "Việc thẩm định, đề nghị khen thưởng không đúng quy định của pháp luật",
      "Qua kiểm tra, đối tượng không đạt tiêu chuẩn trong thời gian xét khen thưởng",
  };
  return kTexts;
}

}  // namespace thidua::generator::internal
