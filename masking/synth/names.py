"""Synthetic name lists, one group per name origin, each cut into two disjoint splits.

All lists were written by hand for this project from general knowledge of naming customs; they
are common given names and surnames, not records of people, and no data set was used. A person
in a generated document is a random combination of a given name and a surname of one group, so
it never describes a real individual.

Every group has female and male given names and surnames. :func:`name_pool` cuts the lists into
a ``"train"`` and a ``"heldout"`` split that share **no name token** (compared case-folded,
without diacritics, particles such as *von* or *al-* ignored), across all groups at once: a
model trained on documents from one split can be measured on names it has never seen.
Entries written with ``_`` contain a space (``von_Knorring`` -> ``von Knorring``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ORIGINS: tuple[str, ...] = (
    "nordic",
    "finnish",
    "somali",
    "arabic",
    "persian",
    "kurdish",
    "turkish",
    "balkan",
    "polish",
    "vietnamese",
    "chinese",
    "eritrean",
    "afghan",
    "russian",
    "latin_american",
)

SPLITS: tuple[str, ...] = ("train", "heldout")

# Name particles: lower-case prefixes that are part of a surname but not a name of their own.
PARTICLES: frozenset[str] = frozenset(
    {"von", "af", "de", "al", "el", "abu", "bin", "ibn", "van", "der", "la", "da", "del", "di"}
)

# (female given names, male given names, surnames) per origin, as whitespace-separated words.
_RAW: dict[str, tuple[str, str, str]] = {
    "nordic": (
        """Anna Maria Karin Kristina Lena Eva Sara Emma Ingrid Birgitta Elisabeth Marie Linnea
        Johanna Malin Ida Elin Hanna Julia Ebba Astrid Margareta Ulla Gunilla Kerstin Annika
        Camilla Therese Jenny Åsa Ylva Sigrid Solveig Ingeborg Liv Mette Pernille Signe Hanne
        Birgit Ragnhild Tuva Maja Alva Saga Agnes Ella Freja Stina Britt Maj Vera Rose Lisa
        Frida Matilda Moa Wilma Tove Lovisa Greta Siv Inger Gudrun Berit Marianne Ulrika Helena
        Cecilia Petra Susanne Katarina Louise Charlotte Gun Ann Sol Elsa Märta""",
        """Erik Lars Karl Anders Johan Per Nils Carl Mikael Jan Hans Peter Olof Lennart Gunnar
        Sven Fredrik Bengt Bo Björn Sten Dag Åke Göran Ulf Leif Stefan Mats Magnus Henrik Oskar
        Axel Gustav Viktor Emil Hugo Elias Isak Ludvig Sixten Ture Holger Torbjörn Rune Kjell
        Stig Arne Roger Tomas Patrik Joakim Niklas Jonas Martin Andreas Mattias Kristoffer Knut
        Håkon Ola Sindre Torstein Søren Rasmus Mads Jens Morten Bjarne Einar Ove Roland Gösta
        Algot Vilgot""",
        """Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson
        Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson
        Magnusson Olofsson Lindström Lindqvist Lindgren Axelsson Berg Bergström Lundberg Lund
        Lundgren Lundqvist Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg
        Wallin Engström Eklund Danielsson Lundin Håkansson Björk Bergman Gunnarsson Holm
        Wikström Samuelsson Isaksson Fransson Bergqvist Nyström Holmberg Arvidsson Löfgren
        Söderberg Nyberg Blomqvist Claesson Nordström Mårtensson Lundström Ek Strand Hedlund
        Sundberg Dahl Hellström Sjögren Abrahamsson Falk Åberg Norberg Ström Öberg von_Knorring
        af_Ekenstam von_Post af_Wetterstedt von_Schwerin af_Trolle Hansen Johansen Olsen Larsen
        Pedersen Nielsen Kristiansen Jensen Haugen Bakke Rasmussen Sørensen Christensen Madsen
        Møller Jørgensen Thomsen Solberg Halvorsen Moen Eide""",
    ),
    "finnish": (
        """Aino Anneli Eija Elina Heidi Hilkka Irmeli Jaana Kaisa Kirsi Kristiina Leena Liisa
        Maarit Maija Marjatta Marja Minna Niina Outi Päivi Pirjo Raija Riikka Ritva Sari Satu
        Seija Sirpa Suvi Tarja Tiina Tuula Virpi Anu Eeva Hannele Kaarina Marketta Orvokki
        Pauliina Reetta Sanna Terhi Tuulikki Helmi Oona Venla Iida Essi Milla Noora Sini""",
        """Antti Eero Esa Heikki Jari Jarmo Jukka Juha Jussi Kari Kimmo Lauri Markku Matti Mika
        Mikko Olli Pasi Pekka Pentti Petri Raimo Reijo Risto Seppo Simo Tapani Tapio Teemu
        Timo Toni Tuomas Väinö Ville Veikko Aki Arto Erkki Hannu Ilkka Janne Jouko Keijo Osmo
        Pertti Tero Urho Vesa Aatu Onni Eino Joni Jyrki""",
        """Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen
        Järvinen Lehtonen Lehtinen Saarinen Salminen Heinonen Niemi Heikkilä Kinnunen Salonen
        Turunen Salo Laitinen Tuominen Rantanen Karjalainen Jokinen Mattila Savolainen Lahtinen
        Ahonen Hiltunen Leinonen Kallio Pitkänen Miettinen Väisänen Hirvonen Lappalainen
        Aaltonen Manninen Kettunen Toivonen Koivisto Räsänen Laaksonen Mustonen Anttila Seppälä
        Honkanen Peltonen Hakala Ojala Vainio Rönkkö Pesonen Kärkkäinen Huttunen Moilanen
        Pelkonen Ketola Tikkanen Partanen Keskinen Rautio Kokkonen Huhtala Jääskeläinen Kivelä
        Nurmi Pulkkinen Rissanen Tuomi Vuorinen Ylönen Koponen Harju Oksanen Hyvönen Kauppinen
        Suominen Liimatainen""",
    ),
    "somali": (
        """Amina Asha Fadumo Hodan Hawa Halima Ifrah Ilhan Khadra Leylo Maryan Nasra Nimco Qamar
        Ruqiya Sahra Sagal Shukri Sucaad Sumaya Ubah Waris Xaliimo Zamzam Deeqa Filsan Hibo
        Hamdi Idil Muna Naima Nadifa Farhiya Istar Kowsar Ayan Anab Ikran Fartun Caasha Sahro
        Fowsiya Rahma Ardo Hamda Saynab Hinda Warda Najma""",
        """Abdi Abdirahman Abdullahi Abdirizak Abdiqani Abdiwali Aden Bashir Dahir Farah Guled
        Hirsi Ismail Jama Liban Mahad Mohamud Mukhtar Nur Osman Said Shire Warsame Yusuf Yonis
        Abdikarim Cabdi Xasan Maxamed Cali Faysal Hamse Ilyas Mustafe Sharmarke Siyad Samatar
        Zakariye Awil Bile Geedi Hersi Isse Jibril Mohamed Abdiaziz Abdisalan Sakariye""",
        """Egal Elmi Dualeh Gedi Abdulle Barre Shirdon Guleid Gure Adan Adow Bihi Daud Fiqi Ghedi
        Haji Jimale Keynan Magan Mire Muse Nuur Roble Salad Warfa Yare Abdikadir Dirie Hashi
        Kahin Qalib Afrah Ilmi Ugaas Cige Xirsi Faarax Maxamuud Cumar Warsame Hirsi Mohamud Aden
        Osman Yusuf Dahir Abdi Abdullahi Jama Farah Samatar Bile Isse Shire Nur Ismail Guled
        Liban Mahad Mukhtar Bashir Abdirahman Hersi Jibril Geedi Awil Siyad Sharmarke Yonis
        Abdiwali Abdiqani Abdirizak Abdikarim Hamse Faysal Ilyas Zakariye Mohamed""",
    ),
    "arabic": (
        """Fatima Aisha Mariam Zainab Khadija Layla Huda Noor Rana Rania Salma Sana Dalia Hala
        Hanan Iman Lina Lubna Maha Manal Mona Nada Najla Nawal Reem Rasha Shaima Suha Wafa Widad
        Ghada Hiba Israa Dima Jumana Lamia Malak Raghad Ruba Sawsan Sundus Tahani Yara Asmaa
        Batoul Duaa Farah_? Hadeel Lujain Marwa Nisreen""",
        """Mohammed Ahmed Ali Omar Hassan Hussein Khaled Mahmoud Mustafa Youssef Ibrahim Abdullah
        Hamza Karim Tariq Walid Ziad Sami Nabil Bassam Fadi Firas Ghassan Hadi Hisham Imad Jamal
        Kamal Marwan Mazen Muhannad Nasser Osama Qusay Rami Riad Saad Salim Samer Wael Yaser
        Zaid Ammar Anas Bilal Haitham Issa Laith Louay Mounir Raed Shadi Talal""",
        """al-Hashimi Haddad Khalil Saleh Hamdan Mansour Darwish Haidar Abbas Qasim Shaker Jaber
        Barakat Salem Suleiman Yassin Othman Zaher Hamoud Khoury Nassar Masri Halabi Jaziri
        Baghdadi Mosuli Basri al-Tamimi al-Shammari al-Jubouri al-Obeidi al-Dulaimi al-Rubaie
        al-Zubaidi Kubaisi Hakim Ghanem Sabbagh Sayegh Attar Najjar Shami Kassab Farhat Aoun
        Karam Antoun Aho Barsom Danho Lahdo Malke Gabro Yakoub Ishak Kourie Sabri el-Sayed
        Abu_Khalil Abu_Zaid Mansouri Azzam Bakri Dabbagh Fakhoury Ghazal Hijazi Jabbour Kanaan
        Mahfouz Nakhla Qabbani Rahal Saadi Tahan Zeidan Alwan Bitar Daher Fares Hammoud Issawi
        Jarrah Khatib Lutfi""",
    ),
    "persian": (
        """Fatemeh Sara Leila Mina Neda Nasrin Parisa Roya Shirin Soheila Taraneh Yasaman Azadeh
        Bahareh Elham Fariba Golnaz Haleh Ladan Mahsa Mahnaz Mitra Nazanin Negar Niloufar Pegah
        Roxana Sahar Samira Sepideh Shabnam Shadi Simin Soraya Tahereh Zohreh Atefeh Farnaz
        Ghazal Homa Katayoun Mojgan Parvaneh Forough Setareh Anahita Donya Marjan Zahra""",
        """Reza Mohammad Hossein Mehdi Amir Hamid Saeed Behrouz Dariush Kourosh Farhad Babak
        Arash Kaveh Omid Payam Pouya Ramin Shahram Siamak Navid Nima Peyman Majid Masoud Mojtaba
        Morteza Hamed Vahid Kamran Bijan Parviz Houshang Afshin Ardalan Behnam Farzad Keyvan
        Mani Milad Sina Soroush Shahin Mehran Armin Ehsan Hooman""",
        """Ahmadi Hosseini Mohammadi Rezaei Moradi Karimi Jafari Rahimi Kazemi Hashemi Mousavi
        Ebrahimi Ghasemi Sadeghi Rostami Alavi Akbari Bagheri Tehrani Shirazi Esfahani Tabrizi
        Farahani Najafi Nouri Salehi Habibi Zamani Ghorbani Heidari Sharifi Yazdani Rahmani Amini
        Soltani Khosravi Naderi Mirzaei Azizi Asadi Kiani Mohseni Ansari Bahrami Daneshvar
        Eskandari Farhadi Golshiri Hamidi Jalali Kamali Lotfi Mahmoudi Nasiri Pourmohammadi
        Razavi Sabouri Taheri Vaziri Zand Abbasi Behzadi Dehghan Fallahi Ghaffari Javadi Khademi
        Madani Nikpour Parsa Rashidi Safavi Tavakoli Zare Mokhtari Shahbazi Shams Motamedi
        Firouzi Keshavarz Yousefi Arjomand Hedayati""",
    ),
    "kurdish": (
        """Havin Hejar Jiyan Kani Lana Nishtiman Rojda Rozhin Shilan Berivan Delal Evin Helin Jwan
        Narin Newroz Rojin Ronahi Sozan Viyan Zerya Dilan Avin Gulistan Nazdar Perwin Shno Shler
        Tara Zhino Bahar Hana Nasik Kajal Shayan Tavga Awaz Chnar Dunya Gelawej Hozan Kurdistan
        Roshna Sakar Trifa Xezal Zhilwan Bayan Ashti""",
        """Aram Azad Baran Dilshad Hemin Hiwa Karwan Rebin Rezan Rebwar Sherko Soran Zana Dler
        Shwan Kawa Ari Bawan Botan Dara Goran Hawar Diyar Rawand Sarkawt Shaho Aso Alan Bakhtiyar
        Hardi Hogr Kamaran Mariwan Nawzad Peshawa Rebaz Serwan Shivan Wrya Zirak Ako Bestun
        Chiya Dyari Hunar Kosrat Lawin Nechirvan Sirwan""",
        """Zangana Jaff Hawrami Mukriyani Shwani Dizayee Baban Amedi Duhoki Hawleri Sulaimani
        Kirkuki Rashid Mahmood Karim Qadir Hama Salih Omer Rasul Faraj Sherwani Khoshnaw Doski
        Zebari Bradosti Herki Surchi Goyi Pishdari Balisani Rewandzi Akreyi Zaxoyi Bamarni
        Berwari Sindi Mizuri Gerdi Kakai Dersimi Botani Hamasalih Hamarashid Hamakarim Abdulla
        Mustafa Jalal Kaka Mirza Nabi Qaradaghi Rahim Sabir Taha Wali Xoshnaw Zaki Aziz Bakr
        Fatah Hawezi Ibrahimi Jamil Kareem Latif Majeed Nadir Othmani Perot Qasimi Raouf Shex
        Tofiq Warti Yasin Zrar Barzinji Garmiani Sharazuri Sorani Baneyi Marivani
        Sanandaji Kermanshahi""",
    ),
    "turkish": (
        """Ayşe Fatma Emine Hatice Zeynep Elif Merve Büşra Esra Gül Sevgi Özlem Derya Ebru Filiz
        Hülya Nur Pınar Sibel Songül Tuba Yasemin Zehra Aysel Dilek Gülşen Melek Nermin Seda
        Serap Şule Tülay Ümran Burcu Canan Didem Ece Funda Gamze Hande İpek Meltem Nazlı Oya
        Selin Sevda Tuğba Yeliz""",
        """Mehmet Ahmet Hüseyin Murat Emre Burak Serkan Kemal Cem Eren Oğuz Ömer Halil Recep
        Ramazan Kadir Erkan Tolga Volkan Ufuk Tuncay Sinan Levent Kaan Barış Berk Cengiz Doğan
        Ercan Fatih Gökhan Hakan İsmail Koray Mert Necati Onur Orhan Selim Tamer Uğur Yavuz
        Zafer Caner Engin Ferhat Gürkan Serdar""",
        """Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Kılıç Aslan
        Çetin Kara Koç Kurt Özkan Şimşek Polat Özcan Korkmaz Çakır Acar Şen Aktaş Güler Yalçın
        Güneş Bozkurt Bulut Keskin Ünal Turan Özer Işık Kaplan Avcı Sarı Tekin Taş Köse Yüksel
        Ateş Aksoy Ekinci Karaca Uçar Altun Bayram Bilgin Coşkun Duman Erdem Gündüz Karakaya
        Kocabaş Metin Oral Sezer Tunç Uysal Yazıcı Zengin Akın Akbulut Ayhan Başaran Çiftçi
        Demirci Durmaz Eroğlu Gök Karataş Kılınç Öner Soylu Toprak Ergün Sönmez""",
    ),
    "balkan": (
        """Amra Alma Amela Azra Elma Emina Lejla Selma Sanela Mirela Jasmina Ajla Dženana Jelena
        Milica Marija Ivana Snežana Dragana Vesna Jasna Gordana Svetlana Mirjana Tijana Nataša
        Sanja Ljiljana Biljana Danijela Branka Zorica Arta Blerta Drita Fjolla Teuta Vjosa
        Mimoza Albana Besa Lirie Shqipe Valbona Donika Edona Kaltrina Merima Nejra""",
        """Adnan Almir Dino Edin Emir Haris Jasmin Kenan Mirza Nermin Samir Senad Tarik Dragan
        Milan Nikola Marko Stefan Zoran Dejan Bojan Nenad Predrag Srđan Miloš Dušan Aleksandar
        Luka Ante Josip Tomislav Mario Damir Davor Mladen Arben Besnik Driton Fatmir Agron Valon
        Ilir Bujar Blerim Faton Gëzim Ardian Burim Elvis Sead""",
        """Hodžić Hadžić Kovačević Begić Delić Mehmedović Hasanović Husić Salihović Omerović Alić
        Karić Mujić Šehić Halilović Jusufović Osmanović Suljić Tahirović Avdić Ćosić Dedić Smajić
        Hamzić Bešić Mustafić Nikolić Jovanović Petrović Đorđević Ilić Marković Stojanović
        Pavlović Popović Stanković Todorović Radovanović Simić Lazić Kostić Vasić Živković Tomić
        Mitrović Babić Perić Knežević Marić Jurić Horvat Novak Grgić Pavić Vuković Božić
        Blažević Matić Šarić Krasniqi Gashi Berisha Morina Shala Hoxha Kastrati Bytyqi Kryeziu
        Rexhepi Hyseni Osmani Zeqiri Ahmeti Selimi Sadiku Mehmeti Jashari Ismaili Bajrami Fazliu
        Dervishi Haliti Kurtović Mehić""",
    ),
    "polish": (
        """Agata Aleksandra Barbara Beata Dorota Ewa Ewelina Grażyna Iwona Joanna Justyna Kamila
        Karolina Katarzyna Magdalena Małgorzata Marta Monika Natalia Paulina Renata Sylwia
        Urszula Weronika Zofia Żaneta Halina Jadwiga Krystyna Elżbieta Bożena Danuta Edyta Irena
        Izabela Jolanta Lucyna Marzena Patrycja Wiesława Zuzanna Agnieszka Dominika Emilia
        Anita Bogumiła Genowefa Honorata Janina Kinga""",
        """Adam Andrzej Bartosz Damian Dariusz Grzegorz Jakub Jarosław Kamil Karol Krzysztof Łukasz
        Maciej Marcin Marek Mateusz Michał Paweł Piotr Przemysław Rafał Robert Sebastian
        Sławomir Szymon Tomasz Wojciech Zbigniew Artur Bogdan Czesław Janusz Jerzy Kazimierz
        Leszek Mirosław Ryszard Stanisław Tadeusz Wiesław Zdzisław Witold Radosław Hubert Wiktor
        Patryk Dawid Konrad""",
        """Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański
        Woźniak Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk
        Kaczmarek Piotrowski Grabowski Zając Pawłowski Michalski Król Wieczorek Jabłoński Wróbel
        Nowakowski Majewski Olszewski Stępień Malinowski Jaworski Adamczyk Dudek Nowicki Pawlak
        Górski Witkowski Walczak Sikora Baran Rutkowski Michalak Szewczyk Ostrowski Tomaszewski
        Pietrzak Zalewski Wróblewski Marciniak Jasiński Zawadzki Bąk Jakubowski Sadowski
        Włodarczyk Wilk Chmielewski Borkowski Sokołowski Szczepański Sawicki Lis Kucharski
        Mazurek Kubiak Kalinowski Wysocki Czarnecki Kołodziej Urbański Kaczmarczyk Krajewski
        Głowacki Sobczak Przybylski Laskowski""",
    ),
    "vietnamese": (
        """Lan Hoa Linh Huong Thao Trang Ngoc Hanh Phuong Thu Hang Nga Yen Anh Hien Hue Loan
        Nhung Oanh Quynh Thuy Tuyet Uyen Vy Xuan Diep My Nhi Thanh Trinh Diem Lien Ngan Nhu
        Suong Tram Tuyen Cuc Dao Hong Kieu Lieu Nguyet Thom Tuoi Hao Hoai Huyen Khue""",
        """Minh Tuan Hung Dung Duc Nam Quang Thang Trung Vinh Hieu Huy Khoa Khang Kien Loc Luan
        Nghia Nhat Phat Phong Phuc Quoc Tai Thinh Toan Tri Bao Binh Cuong Dat Hau Khai Manh
        Thien Viet Hiep Hoan Lanh Nhan Sang Thuan Tung Vuong_? Hai Danh Khiem Lap""",
        """Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Dinh Truong Mai
        Trinh Luu Dao Lam Cao Ta Thai Kieu Quach Ha Lai Doan Vuong Chu Luong Trieu Ton Lac Thach
        Mac Giang Ung La Au Khuc Banh Lieu Phung Nghiem Thieu Chau Diep Nong Hua Tong Luc Tang
        Quan Khong Tieu Bach Dam Kha Khuat Mach Ninh Ong Phi Tat To Tu Vi Kim Hong Tan Son Thuong
        Giap Lo Lu Cu""",
    ),
    "chinese": (
        """Mei Jing Ying Hui Xiu Ling Xiaoyan Xiaohong Lijuan Yanping Wenjing Jiayi Yuting Xinyi
        Yiting Meiling Shuang Juan Na Ping Xia Yun Fei Jie Min Qing Rong Shu Ting Wen Xue Yao
        Zhen Yue Huan Jia Lili Chunhua Guiying Xiulan Yufang Haiyan Dongmei Xiaoli Yanhong
        Qiuyue Ruolan Shanshan""",
        """Wei Jun Hao Tao Bin Chao Gang Hua Jian Kai Liang Ming Peng Qiang Rui Tian Xiang Xin
        Yong Zhi Zhiwei Jianguo Haoran Zihao Yuxuan Junjie Xiaoming Zhiqiang Guoqiang Jianhua
        Wenbo Yifan Zhenyu Haitao Jianjun Weidong Xiaodong Zhihao Tianyu Chenxi Zhenhua Lianjie
        Shaohua Guangming Deming Yaoming Hongwei Jinlong""",
        """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo
        Zheng Liang Xie Song Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu
        Du Ye Cheng Wei_? Su Ding Ren Lu Yao Shen Zhong Cui Tan Fan Liao Shi Jin Jia_? Xia_?
        Fu Fang Zou Xiong Bai Meng Qin Qiu Hou Yin Xue_? Yan Duan Lei Long Shao Wan Qian Dai Mo
        Kong Xiang_? Wong Chan Cheung Leung Lau Ng Chow Tsang Yip Kwok Tse Fung Mak Poon Yeung
        Chiu Choi Siu Kwan""",
    ),
    "eritrean": (
        """Senait Helen Selam Saba Lidia Feven Mebrat Tsega Hiwet Rahwa Winta Ruta Yordanos Aster
        Almaz Abeba Letemariam Meron Semhar Segen Luwam Hermon Elsa_? Freweyni Tsigereda Nebiat
        Danait Adiam Eden Hanna_? Milen Yohana Haben Mehret Rigbe Zewdi Tirhas Akberet Nigisti
        Saron Bisrat Kisanet Ariam Fiyori Mahlet Tesfalidet Weini Sabrina""",
        """Yonas Tesfaye Dawit Kidane Mehari Tekle Berhane Filmon Semere Yohannes Biniam Robel
        Natnael Henok Ermias Goitom Kiflom Estifanos Sium Medhanie Tewelde Okbay Asmerom Russom
        Yemane Zerai Abraham Amanuel Michael Daniel Samuel Habtom Mulugeta Teklit Efrem Fitsum
        Haile Mussie Nahom Senay Tesfu Yemanu Awet Aklilu Eyob Simon Merhawi Ghirmay Bereket""",
        """Tesfamariam Ghebremedhin Woldu Habte Berhe Gebreyesus Negash Andemariam Weldemichael
        Abraha Teklehaimanot Ghebrehiwet Tsegai Kahsay Measho Gebru Hagos Isaak Solomon Tekeste
        Ghebreab Gebremichael Hailemariam Kahsai Mebrahtu Mengisteab Ogbazghi Sebhatu Tesfai
        Tekie Woldemariam Yohannes Zemichael Araya Bahta Debesai Fessehaye Ghebreselassie Habtu
        Iyasu Kibrom Legesse Mesfin Naizghi Okubazghi Sereke Teweldemedhin Weldu Yemane Zerai
        Asmerom Russom Kidane Mehari Tekle Berhane Medhanie Tewelde Okbay Sium Fitsum Ghirmay
        Habtom Mulugeta Teklit Haile Tesfu Aklilu Merhawi Bereket Goitom Kiflom Estifanos Amanuel
        Abraham Ermias Tewolde Ghebretensae Mehreteab Gebrezgi Habtemariam Keleta
        Tesfazghi Woldegiorgis""",
    ),
    "afghan": (
        """Fereshta Gulalai Hosai Laila Mahbooba Malalai Marzia Masooma Nadia Nilofar Parwana
        Rahima Sadaf Shakila Sima Tahmina Wazhma Zarghuna Zohal Mursal Husna Madina Nargis
        Palwasha Storai Shukria Arezo Benazir Freshta Habiba Jamila Karima Latifa Mahjabin
        Nasima Nazifa Pashtana Qudsia Rabia Razia Sabera Shabana Shirin Soheila_? Sultana
        Tamana Wahida Yalda Zarmina Zuhra""",
        """Ahmad Abdul Farid Habib Jawad Khalid Mansoor Nasir Rahim_? Sayed Wahid Zabihullah
        Naqibullah Jamshid Najib Rashid_? Samiullah Shafiq Waheed Yama Zalmai Mirwais Ajmal
        Fawad Ghulam Hekmat Idris Matin Noorullah Qasem Rohullah Sharif Hashmat Asadullah
        Baryalai Dawood Ehsanullah Faridoon Gulbuddin Hamidullah Inayatullah Jalil Khushal
        Lutfullah Mujib Nasratullah Obaidullah Qudratullah Rahmatullah Sediq Shoaib""",
        """Ahmadzai Popal Stanekzai Safi Amiri Hakimi Sultani Noori Sadat Wardak Rasuli Haidari
        Nazari Samadi Durrani Barakzai Popalzai Achakzai Mohmand Shinwari Afridi Niazi Mangal
        Sherzad Zazai Tokhi Kakar Kohistani Panjshiri Hotak Ghaznavi Faizi Qaderi Rezai Mirzad
        Omari Wahidi Naseri Atayee Andar Sahak Ludin Momand Akbarzada Latifi Zaheer Jawid Nawabi
        Arghandiwal Baheer Dawlatzai Ebadi Farahi Ghafoori Haqmal Jabarkhel Kamawal Lodin
        Muhibi Nangyalai Osmani_? Paktiawal Qarizada Rahimzai Samim Tarin Usmani Wafa_? Yousufi
        Zahir Ahmadi_? Hamdard Karwani Masoomi Nikzad Omarzai Rahmani_? Safi_? Stanikzai Azimi
        Baburi Jalalzai Karokhel Nuristani Paghmani Sarwari Tanai Yaqubi Zarifi Logari Kandahari""",
    ),
    "russian": (
        """Olga Tatiana Elena Irina Anastasia Ekaterina Yulia Ksenia Daria Alina Polina Oksana
        Ludmila Galina Valentina Lyudmila Nadezhda Larisa Marina Nina Tamara Zoya Lyubov
        Alexandra Viktoria Yana Kristina_? Elizaveta Veronika Evgenia Inna Alla Raisa Zhanna
        Valeria Ulyana Vasilisa Margarita Taisia Diana Varvara Antonina Yevdokia Klavdia Ekaterina
        Snezhana Vlada Milana Arina Kira Nelli""",
        """Alexei Andrei Anton Artem Boris Denis Dmitri Evgeni Fyodor Grigori Igor Ilya Kirill
        Konstantin Leonid Maxim Mikhail Nikita Nikolai Oleg Pavel Roman Ruslan Sergei
        Stanislav Timur Vadim Valentin Valeri Vasili Vitali Vladimir Vladislav Vyacheslav
        Yaroslav Yuri Gennadi Arkadi Anatoli Semyon Stepan Matvei Egor Gleb Lev Rostislav
        Timofei Innokenti Zakhar""",
        """Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov
        Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov
        Andreev Makarov Nikitin Zakharov Zaitsev Soloviev Borisov Yakovlev Grigoriev Romanov
        Vorobiev Sergeev Kuzmin Frolov Alexandrov Dmitriev Korolev Gusev Kiselev Ilyin Maximov
        Polyakov Sorokin Vinogradov Kovalev Belov Antonov Tarasov Zhukov Baranov Filippov
        Komarov Davydov Belyaev Gerasimov Bogdanov Osipov Sidorov Matveev Titov Markov Mironov
        Krylov Kulikov Karpov Vlasov Melnikov Denisov Gavrilov Tikhonov Kazakov Afanasiev Danilov
        Savelev Timofeev Fomin Chernov Abramov Martynov Efimov Fedotov Shcherbakov Nazarov""",
    ),
    "latin_american": (
        """Carolina Catalina Daniela Fernanda Gabriela Isabel Juliana Lucía Luisa Marcela Mariana
        Paola Patricia Paula Rosa Ximena Andrea Camila Claudia Esperanza Guadalupe Javiera
        Lorena Luz Milagros Pilar Rocío Soledad Verónica Yolanda Constanza Florencia Agustina
        Beatriz Consuelo Dolores Graciela Inés Josefina Karina Marisol Nelly Pamela Romina
        Valeska Fabiola Macarena Angélica Francisca""",
        """Alejandro Andrés Carlos Diego Eduardo Fernando Francisco Gabriel Gonzalo Jorge José
        Juan Luis Manuel Mateo Miguel Nicolás Pablo Pedro Rafael Ricardo Rodrigo Santiago
        Sebastián Tomás Álvaro Cristian Emilio Enrique Esteban Felipe Gustavo Héctor Hernán
        Ignacio Jaime Javier Joaquín Julio Leonardo Marcelo Mauricio Octavio Óscar Patricio Raúl
        Salvador Sergio Renato""",
        """González Rodríguez Gómez Fernández López Díaz Martínez Pérez García Sánchez Romero
        Sosa Torres Álvarez Ruiz Ramírez Flores Benítez Acosta Medina Herrera Suárez Aguirre
        Giménez Gutiérrez Pereira Rojas Molina Castro Ortiz Silva Núñez Luna Juárez Cabrera Ríos
        Morales Godoy Moreno Ferreyra Domínguez Carrizo Peralta Castillo Ledesma Quiroga Vega
        Muñoz Ojeda Ponce Villalba Cardozo Navarro Coronel Vázquez Ramos Vargas Cáceres Arias
        Figueroa Córdoba Correa Maldonado Paz Rivero Miranda Mendoza Fuentes Espinoza Contreras
        Valenzuela Sepúlveda Araya_? Tapia Reyes Bravo Carrasco Soto Pizarro Salazar Guzmán
        Cortés Jara""",
    ),
}

_TRANSLIT = str.maketrans(
    {
        "ø": "o", "æ": "ae", "ł": "l", "đ": "d", "ß": "ss", "ı": "i", "œ": "oe",
        "Ø": "O", "Æ": "AE", "Ł": "L", "Đ": "D", "İ": "I",
    }
)


def fold(text: str) -> str:
    """Case-fold and strip diacritics (``Hodžić`` -> ``hodzic``, ``Bjørn`` -> ``bjorn``)."""
    text = text.translate(_TRANSLIT)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def name_tokens(entry: str) -> list[str]:
    """Folded name tokens of one entry, particles left out (``al-Tamimi`` -> ``["tamimi"]``)."""
    out: list[str] = []
    for part in entry.replace("-", " ").replace("'", " ").split():
        key = fold(part)
        if key and key not in PARTICLES:
            out.append(key)
    return out


def _entries(raw: str) -> list[str]:
    """Whitespace-separated entries; ``_`` stands for a space; ``X_?`` marks a doubtful entry
    (a duplicate of another group's name, kept in the source for the record) and is skipped."""
    out: list[str] = []
    for word in raw.split():
        if word.endswith("_?"):
            continue
        out.append(word.replace("_", " "))
    return out


@dataclass(frozen=True)
class OriginNames:
    """The names of one origin group in one split."""

    origin: str
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]

    @property
    def first_names(self) -> tuple[str, ...]:
        return self.female + self.male


@lru_cache(maxsize=None)
def _assignment() -> dict[str, str]:
    """Folded name token -> split, decided once for all groups.

    Entries are visited group by group, list by list; a new entry takes the split opposite to
    the previous new entry of the same list (alternation), unless one of its tokens was already
    placed, in which case it follows that token. An entry whose tokens were placed in different
    splits is left out (see :func:`name_pool`).
    """
    placed: dict[str, str] = {}
    for origin in ORIGINS:
        for raw in _RAW[origin]:
            turn = 0
            for entry in _entries(raw):
                tokens = name_tokens(entry)
                known = {placed[t] for t in tokens if t in placed}
                if len(known) > 1:
                    continue
                if known:
                    split = known.pop()
                else:
                    split = SPLITS[turn % 2]
                    turn += 1
                for token in tokens:
                    placed.setdefault(token, split)
    return placed


def _split_of(entry: str) -> str | None:
    placed = _assignment()
    splits = {placed.get(t) for t in name_tokens(entry)}
    if len(splits) != 1 or None in splits:
        return None
    return splits.pop()


def _dedupe(entries: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for entry in entries:
        key = fold(entry)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return tuple(out)


@lru_cache(maxsize=None)
def name_pool(split: str) -> dict[str, OriginNames]:
    """All origin groups' names in one split (``"train"`` or ``"heldout"``)."""
    if split not in SPLITS:
        raise ValueError(f"unknown name split {split!r}; expected one of {SPLITS}")
    pool: dict[str, OriginNames] = {}
    for origin in ORIGINS:
        lists = []
        for raw in _RAW[origin]:
            lists.append(_dedupe([e for e in _entries(raw) if _split_of(e) == split]))
        pool[origin] = OriginNames(origin, lists[0], lists[1], lists[2])
    return pool


def split_tokens(split: str) -> frozenset[str]:
    """Every folded name token of one split (for tests and leakage checks)."""
    tokens: set[str] = set()
    for names in name_pool(split).values():
        for entry in names.first_names + names.surnames:
            tokens.update(name_tokens(entry))
    return frozenset(tokens)
